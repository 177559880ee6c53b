-- Shared by the end-to-end tests: where things are, waiting with timeouts, failing loudly.

local H = {}

H.plugin = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h')
H.repo = vim.fn.fnamemodify(H.plugin, ':h:h')

--- The copydesk binary: $COPYDESK_BIN, else `copydesk` on PATH, else target/debug/copydesk.
function H.find_bin()
  local bin = os.getenv('COPYDESK_BIN')
  if bin == nil or bin == '' then
    bin = vim.fn.exepath('copydesk')
  end
  if bin == '' then
    bin = H.repo .. '/target/debug/copydesk'
  end
  bin = vim.fn.fnamemodify(bin, ':p')
  if vim.fn.executable(bin) ~= 1 then
    H.fail('no copydesk binary at ' .. bin .. ' (set COPYDESK_BIN, or build it with cargo build)')
  end
  return bin
end

--- Make the shipped config (cmd = { 'copydesk', 'lsp' }) run `bin`, as a user with it on
--- PATH would have it; a binary with another name is given as cmd instead.
function H.use_bin(bin)
  if vim.fn.fnamemodify(bin, ':t') == 'copydesk' then
    vim.env.PATH = vim.fn.fnamemodify(bin, ':h') .. ':' .. (vim.env.PATH or '')
  else
    vim.lsp.config('copydesk', { cmd = { bin, 'lsp' } })
  end
end

function H.log_tail()
  local path = vim.lsp.get_log_path()
  if vim.fn.filereadable(path) == 1 then
    local lines = vim.fn.readfile(path)
    return table.concat(vim.list_slice(lines, math.max(1, #lines - 30)), '\n')
  end
  return '(no LSP log)'
end

function H.fail(msg)
  io.stderr:write('\nFAIL ' .. msg .. '\n')
  io.stderr:write('--- last lines of the LSP log (' .. vim.lsp.get_log_path() .. '):\n' .. H.log_tail() .. '\n')
  io.stderr:write(string.format('%s: 0 passed, 1 failed\n', H.name or 'nvim-e2e'))
  os.exit(1)
end

function H.ok(msg)
  io.stdout:write('ok   ' .. msg .. '\n')
end

--- Wait for cond() to return a truthy value; fail with `what` after `ms` milliseconds
--- (`what` may be a function, called only on failure, to describe the state then).
function H.wait_for(what, ms, cond)
  local result
  local done = vim.wait(ms, function()
    result = cond()
    return result ~= nil and result ~= false
  end, 50)
  if not done then
    H.fail('timed out after ' .. ms .. ' ms waiting for ' .. (type(what) == 'function' and what() or what))
  end
  return result
end

--- A fresh copy of the seed story in a temporary folder (no copydesk.toml, no .git).
function H.copy_story()
  local src = H.plugin .. '/../../examples/stories/seed-article.txt'
  local dir = vim.fn.tempname()
  vim.fn.mkdir(dir, 'p')
  local dst = dir .. '/story.txt'
  vim.fn.writefile(vim.fn.readfile(src, 'b'), dst, 'b')
  return dst
end

--- The text a diagnostic covers ('' when its range is stale and no longer in the buffer).
function H.text(buf, d)
  local ok, lines = pcall(vim.api.nvim_buf_get_text, buf, d.lnum, d.col, d.end_lnum, d.end_col, {})
  return ok and table.concat(lines, '\n') or ''
end

--- copydesk's `misspelling` diagnostics in a buffer.
function H.misspellings(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'copydesk' and d.code == 'misspelling' then
      table.insert(out, d)
    end
  end
  return out
end

--- The word the seed story misspells, with its clitic, as the server flags it.
H.IDARA = 'للإدراة'

--- The misspelling diagnostic whose range covers exactly «للإدراة», read in the buffer with
--- Neovim's own conversion of the range (a range in the wrong units covers other text).
--- Fails at once when the misspelling is reported with any other range.
function H.idara(buf)
  for _, d in ipairs(H.misspellings(buf)) do
    local covered = H.text(buf, d)
    if covered == H.IDARA then
      return d
    end
    if d.message:find('إدراة', 1, true) then
      H.fail(string.format('the diagnostic «%s» covers %q, not exactly «%s»', d.message, covered, H.IDARA))
    end
  end
end

function H.describe(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, string.format('%d:%d %s/%s %q', d.lnum + 1, d.col, tostring(d.source), tostring(d.code), H.text(buf, d)))
  end
  return #out == 0 and '(no diagnostics)' or table.concat(out, '\n')
end

function H.attached(buf)
  local clients = vim.lsp.get_clients({ bufnr = buf, name = 'copydesk' })
  return clients[1]
end

return H
