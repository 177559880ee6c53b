-- End to end with require('copydesk').setup(opts): a custom cmd and settings reach the
-- server (misspellings set to "hint" come back as hints).
--   COPYDESK_BIN=target/debug/copydesk nvim --headless --clean -u editors/nvim/test/init.lua -l editors/nvim/test/e2e_setup.lua

local H = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/helpers.lua')
H.name = 'nvim-e2e-setup'

local bin = H.find_bin()
require('copydesk').setup({
  cmd = { bin, 'lsp' },
  settings = { rules = { misspelling = 'hint' } },
})

vim.cmd.edit(vim.fn.fnameescape(H.copy_story()))
local buf = vim.api.nvim_get_current_buf()

local client = H.wait_for('copydesk to attach to the story', 10000, function()
  return H.attached(buf)
end)
if client.config.cmd[1] ~= bin then
  H.fail('setup() did not use the given cmd: ' .. vim.inspect(client.config.cmd))
end
H.ok('copydesk attached with the custom cmd')

local d = H.wait_for('the misspelling diagnostic on «للإدراة»', 20000, function()
  return H.idara(buf)
end)
if d.severity ~= vim.diagnostic.severity.HINT then
  H.fail('rules.misspelling = "hint" did not reach the server: severity is ' .. vim.diagnostic.severity[d.severity])
end
H.ok('settings reached the server: the misspelling is a hint')

io.stdout:write('nvim-e2e-setup: 1 passed, 0 failed\n')
vim.cmd('qall!')
