--- :checkhealth copydesk: is Neovim new enough, is the program there, is it running?

local M = {}

function M.check()
  vim.health.start('copydesk')
  local v = vim.version()
  if vim.fn.has('nvim-0.11') == 1 then
    vim.health.ok(string.format('Neovim %d.%d.%d', v.major, v.minor, v.patch))
  elseif vim.fn.has('nvim-0.10') == 1 then
    vim.health.warn('Neovim 0.10: use require("copydesk").setup(); vim.lsp.enable needs 0.11')
  else
    vim.health.error('Neovim 0.10 or newer is needed (0.11 recommended)')
  end

  local config = (vim.lsp.config and vim.lsp.config.copydesk) or {}
  local cmd = type(config.cmd) == 'table' and config.cmd[1] or 'copydesk'
  local exe = vim.fn.exepath(cmd)
  if exe ~= '' then
    vim.health.ok('copydesk program: ' .. exe)
  else
    vim.health.error('copydesk program not found: ' .. cmd, {
      'Install it: cargo install --locked --path . (in a copydesk checkout)',
      "or give its path: vim.lsp.config('copydesk', { cmd = { '/path/to/copydesk', 'lsp' } })",
    })
  end

  if vim.lsp.is_enabled ~= nil and not vim.lsp.is_enabled('copydesk') then
    vim.health.warn("copydesk is not enabled: add vim.lsp.enable('copydesk') or require('copydesk').setup()")
  end
  local clients = vim.lsp.get_clients({ name = 'copydesk' })
  if #clients > 0 then
    vim.health.ok(string.format('server running (%d client%s)', #clients, #clients == 1 and '' or 's'))
  else
    vim.health.info('server not running: it starts when a text or Markdown buffer is opened')
  end
end

return M
