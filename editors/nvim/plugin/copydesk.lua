-- copydesk: user commands. Starting the server is `vim.lsp.enable('copydesk')` or
-- `require('copydesk').setup()`; nothing starts just because the plugin is installed.

if vim.g.loaded_copydesk then
  return
end
vim.g.loaded_copydesk = true

vim.api.nvim_create_user_command('CopydeskFixAll', function()
  require('copydesk').fix_all()
end, { desc = 'copydesk: apply every safe fix in this buffer' })
