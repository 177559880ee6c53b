-- The plugin's own logic, without a server: run with
--   nvim --headless --clean -u editors/nvim/test/init.lua -l editors/nvim/test/unit.lua
-- (init.lua puts the plugin on the runtimepath, as a user's init.lua does).
-- Exits non-zero when a test fails.

local passed, failed = 0, 0
local function test(name, fn)
  local ok, err = pcall(fn)
  if ok then
    passed = passed + 1
    io.stdout:write('ok   ' .. name .. '\n')
  else
    failed = failed + 1
    io.stdout:write('FAIL ' .. name .. ': ' .. tostring(err) .. '\n')
  end
end
local function eq(want, got, what)
  if not vim.deep_equal(want, got) then
    error(string.format('%s: want %s, got %s', what or 'value', vim.inspect(want), vim.inspect(got)), 2)
  end
end

test('lsp/copydesk.lua is found on the runtimepath by vim.lsp.config', function()
  local c = vim.lsp.config.copydesk
  assert(c, 'vim.lsp.config.copydesk is nil')
  eq({ 'copydesk', 'lsp' }, c.cmd, 'cmd')
  eq({ 'text', 'markdown', 'html' }, c.filetypes, 'filetypes')
  eq({ 'copydesk.toml', '.git' }, c.root_markers, 'root_markers')
end)

test('client_config: settings go to init_options and the "copydesk" section', function()
  local settings = { rules = { misspelling = 'error' }, names = { ['أردوغان'] = { 'أردوجان' } } }
  local c = require('copydesk').client_config({ settings = settings, cmd = '/opt/copydesk' })
  eq(settings, c.init_options, 'init_options')
  eq({ copydesk = settings }, c.settings, 'settings')
  eq({ '/opt/copydesk', 'lsp' }, c.cmd, 'a string cmd gets "lsp"')
  eq(nil, c.filetypes, 'unset fields stay unset')
end)

test('client_config: empty maps are sent as JSON objects, empty lists as arrays', function()
  local c = require('copydesk').client_config({ settings = { rules = {}, boilerplate = { patterns = {} } } })
  local json = vim.json.encode(c.init_options)
  assert(json:find('"rules":{}', 1, true), 'rules is not {} in ' .. json)
  assert(json:find('"patterns":[]', 1, true), 'patterns is not [] in ' .. json)
  local empty = require('copydesk').client_config({ settings = {} })
  eq('{}', vim.json.encode(empty.init_options), 'json of no settings')
end)

test('client_config: no settings, nothing sent; other fields pass through', function()
  local on_attach = function() end
  local c = require('copydesk').client_config({ on_attach = on_attach, filetypes = { 'text' } })
  eq(nil, c.init_options, 'init_options')
  eq(nil, c.settings, 'settings')
  eq(on_attach, c.on_attach, 'on_attach')
  eq({ 'text' }, c.filetypes, 'filetypes')
end)

test('setup() merges options into the shipped config and enables it', function()
  require('copydesk').setup({ cmd = { '/opt/copydesk', 'lsp' }, settings = { rules = { boilerplate = 'off' } } })
  local c = vim.lsp.config.copydesk
  eq({ '/opt/copydesk', 'lsp' }, c.cmd, 'cmd')
  eq({ 'text', 'markdown', 'html' }, c.filetypes, 'filetypes from lsp/copydesk.lua')
  eq({ rules = { boilerplate = 'off' } }, c.init_options, 'init_options')
  assert(vim.lsp.is_enabled == nil or vim.lsp.is_enabled('copydesk'), 'copydesk is not enabled')
end)

test(':CopydeskFixAll exists', function()
  eq(2, vim.fn.exists(':CopydeskFixAll'), 'exists')
end)

test(':checkhealth copydesk reports on the program', function()
  vim.lsp.config('copydesk', { cmd = { 'copydesk-not-installed', 'lsp' } })
  vim.cmd('silent checkhealth copydesk')
  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
  assert(text:find('copydesk program not found: copydesk-not-installed', 1, true), text)
  assert(text:find('cargo install', 1, true), text)
  vim.cmd('bwipeout!')
end)

io.stdout:write(string.format('nvim-unit: %d passed, %d failed\n', passed, failed))
os.exit(failed == 0 and 0 or 1)
