-- End to end, as a user: the plugin on the runtimepath (test/init.lua), `vim.lsp.enable`,
-- open the seed story, get the misspelling «للإدراة», apply its quick fix, see it go;
-- then :CopydeskFixAll.
--   COPYDESK_BIN=target/debug/copydesk nvim --headless --clean -u editors/nvim/test/init.lua -l editors/nvim/test/e2e.lua

local H = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/helpers.lua')
H.name = 'nvim-e2e'

H.use_bin(H.find_bin())
vim.lsp.enable('copydesk')

vim.cmd.edit(vim.fn.fnameescape(H.copy_story()))
local buf = vim.api.nvim_get_current_buf()
if vim.bo[buf].filetype ~= 'text' then
  H.fail('the story has filetype ' .. vim.bo[buf].filetype .. ', not text')
end

local client = H.wait_for('copydesk to attach to the story', 10000, function()
  return H.attached(buf)
end)
H.ok('copydesk attached (' .. table.concat(client.config.cmd, ' ') .. ')')

local d = H.wait_for('the misspelling diagnostic on «للإدراة»', 20000, function()
  return H.idara(buf)
end)
H.ok(string.format('diagnostic %s/%s on «%s» at %d:%d: %s', d.source, d.code, H.text(buf, d), d.lnum + 1, d.col, d.message))

-- The quick fix, as a user gets it: cursor on the word, code action, pick the fix.
vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
local offered, chosen = {}, nil
vim.lsp.buf.code_action({
  apply = true,
  filter = function(action)
    table.insert(offered, string.format('[%s] %s', tostring(action.kind), action.title))
    local is_fix = chosen == nil and (action.kind or ''):match('^quickfix') and action.title:find('إدارة', 1, true)
    if is_fix then
      chosen = action.title
    end
    return is_fix and true or false
  end,
})
local line = d.lnum
H.wait_for('the quick fix to change the text (actions offered: ' .. table.concat(offered, '; ') .. ')', 10000, function()
  local text = vim.api.nvim_buf_get_lines(buf, line, line + 1, false)[1] or ''
  return text:find('للإدارة', 1, true) and not text:find('للإدراة', 1, true)
end)
H.ok('applied the quick fix «' .. tostring(chosen) .. '»: the line now reads «للإدارة»')

-- The old diagnostic must go: wait for the server's new findings, where nothing is
-- reported at that place any more (a stale diagnostic keeps its old range).
H.wait_for(function()
  return 'the diagnostic on «للإدراة» to disappear; now:\n' .. H.describe(buf)
end, 15000, function()
  for _, m in ipairs(H.misspellings(buf)) do
    if m.lnum == d.lnum and m.col < d.end_col and m.end_col > d.col then
      return false
    end
  end
  return true
end)
H.ok('the diagnostic is gone; copydesk still reports ' .. #vim.diagnostic.get(buf) .. ' other findings')

-- :CopydeskFixAll applies the server's source.fixAll.copydesk action: text changes and
-- fewer findings come back.
local before = #vim.diagnostic.get(buf)
local tick = vim.b[buf].changedtick
-- What `copydesk check --fix` makes of the same text: the buffer must read the same after.
local function buffer_text()
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  return (vim.bo[buf].eol and vim.bo[buf].fixeol) and text .. '\n' or text
end
local cli_fixed = vim.system({ client.config.cmd[1], 'check', '--fix', '--stdin-filename', 'story.txt', '-' }, { stdin = buffer_text() }):wait().stdout or ''
vim.cmd('CopydeskFixAll')
H.wait_for(':CopydeskFixAll to change the text', 10000, function()
  return vim.b[buf].changedtick ~= tick
end)
H.wait_for(function()
  return 'fewer findings after :CopydeskFixAll (had ' .. before .. '); now:\n' .. H.describe(buf)
end, 15000, function()
  return #vim.diagnostic.get(buf) < before
end)
H.ok(string.format(':CopydeskFixAll applied the safe fixes (%d findings before)', before))
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local want = vim.split(cli_fixed, '\n', { plain = true })
if want[#want] == '' then
  table.remove(want)
end
if not vim.deep_equal(lines, want) then
  H.fail(string.format(
    ':CopydeskFixAll left %d lines, `copydesk check --fix` %d; the last ones: %q / %q',
    #lines, #want, table.concat(vim.list_slice(lines, #lines - 1), '|'), table.concat(vim.list_slice(want, #want - 1), '|')
  ))
end
H.ok(':CopydeskFixAll leaves the text `copydesk check --fix` leaves (' .. #lines .. ' lines)')
-- And the editor settles on the findings the command line reports for that text.
local left = vim.json.decode(vim.system({ client.config.cmd[1], 'check', '--format', 'json', '--stdin-filename', 'story.txt', '-' }, { stdin = cli_fixed }):wait().stdout or '[]')
H.wait_for(function()
  return #left .. ' findings after :CopydeskFixAll, as `copydesk check` reports; now:\n' .. H.describe(buf)
end, 15000, function()
  return #vim.diagnostic.get(buf) == #left
end)
H.ok(':CopydeskFixAll leaves the findings `copydesk check` reports (' .. #left .. ')')

io.stdout:write('nvim-e2e: 4 passed, 0 failed\n')
vim.cmd('qall!')
