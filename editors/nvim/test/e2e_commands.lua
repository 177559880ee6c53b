-- End to end, as a user: "Add to the desk dictionary" and "Ignore this finding here" take
-- effect at once, without an edit. Neovim 0.11 pulls diagnostics only after its own edits
-- and has no handler for `workspace/diagnostic/refresh`, so the server must not leave it
-- with a pulled (stale) set; every finding is shown once (pushed and pulled diagnostics live
-- in two namespaces and would both show).
--   COPYDESK_BIN=target/debug/copydesk nvim --headless --clean -u editors/nvim/test/init.lua -l editors/nvim/test/e2e_commands.lua

local H = dofile(vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h') .. '/helpers.lua')
H.name = 'nvim-e2e-commands'

H.use_bin(H.find_bin())
vim.lsp.enable('copydesk')

local story = H.copy_story()
vim.cmd.edit(vim.fn.fnameescape(story))
local buf = vim.api.nvim_get_current_buf()
H.wait_for('copydesk to attach to the story', 10000, function()
  return H.attached(buf)
end)

--- The misspelling diagnostics covering exactly `word`.
local function on(word)
  local out = {}
  for _, d in ipairs(H.misspellings(buf)) do
    if H.text(buf, d) == word then
      table.insert(out, d)
    end
  end
  return out
end

--- Every finding once: no two copydesk diagnostics with the same range and code.
local function no_duplicates()
  local seen = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local key = string.format('%d:%d:%d:%d:%s', d.lnum, d.col, d.end_lnum, d.end_col, tostring(d.code))
    if seen[key] then
      H.fail('the finding at ' .. key .. ' is shown twice; now:\n' .. H.describe(buf))
    end
    seen[key] = true
  end
end

--- Run the code action titled `title` on the diagnostic `d`, then wait for the finding on
--- `word` to go without any edit of the buffer.
local function command_clears(title, d, word)
  local tick = vim.b[buf].changedtick
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  local offered = {}
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action)
      table.insert(offered, action.title)
      return action.title == title
    end,
  })
  H.wait_for(function()
    return '«' .. title .. '» to clear the finding on «' .. word .. '» without an edit (offered: '
      .. table.concat(offered, '; ') .. '); now:\n' .. H.describe(buf)
  end, 15000, function()
    return #on(word) == 0 and #vim.diagnostic.get(buf) > 0
  end)
  if vim.b[buf].changedtick ~= tick then
    H.fail('the buffer was edited by «' .. title .. '»')
  end
  no_duplicates()
  H.ok('«' .. title .. '» took effect without an edit; ' .. #vim.diagnostic.get(buf) .. ' findings left, none twice')
end

local silsa = H.wait_for('the misspelling diagnostic on «سلسة»', 20000, function()
  return on('سلسة')[1]
end)
no_duplicates()
command_clears('Add «سلسة» to the desk dictionary', silsa, 'سلسة')

local idara = H.wait_for('the misspelling diagnostic on «' .. H.IDARA .. '»', 5000, function()
  return on(H.IDARA)[1]
end)
command_clears('Ignore this finding here («' .. H.IDARA .. '», misspelling)', idara, H.IDARA)

local toml = table.concat(vim.fn.readfile(vim.fn.fnamemodify(story, ':h') .. '/copydesk.toml'), '\n')
if not (toml:find('سلسة', 1, true) and toml:find(H.IDARA, 1, true)) then
  H.fail('copydesk.toml lacks the word or the ignore entry:\n' .. toml)
end
H.ok('both are in copydesk.toml')

io.stdout:write('nvim-e2e-commands: 3 passed, 0 failed\n')
vim.cmd('qall!')
