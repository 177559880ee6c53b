--- copydesk for Neovim: starts `copydesk lsp` and passes it the desk's settings.
--- All checking happens in the server; this module only configures the client.
---
--- Neovim 0.11+: `require('copydesk').setup(opts)` is `vim.lsp.config` + `vim.lsp.enable`.
--- Neovim 0.10: the same options start the client from a FileType autocommand (untested:
--- the tests run 0.11).

local M = {}

--- The rules copydesk has today (settings may name others; the server checks them).
M.rules = { 'misspelling', 'name-variant', 'unattributed-quote', 'boilerplate', 'duplicate-paragraph', 'repeated-word' }

--- The shipped configuration (lsp/copydesk.lua on the runtimepath).
---@return table
function M.default_config()
  local file = vim.api.nvim_get_runtime_file('lsp/copydesk.lua', false)[1]
  if not file then
    error('copydesk: lsp/copydesk.lua is not on the runtimepath; add the plugin folder to it')
  end
  return dofile(file)
end

-- Settings tables that are maps: an empty one must reach the server as {} (JSON object),
-- not as [] (Lua cannot tell an empty map from an empty list).
local MAPS = { 'rules', 'misspellings', 'names', 'boilerplate', 'attribution', 'dictionary', 'style' }

local function as_json_maps(settings)
  local out = vim.deepcopy(settings)
  if next(out) == nil then
    return vim.empty_dict()
  end
  for _, key in ipairs(MAPS) do
    if type(out[key]) == 'table' and next(out[key]) == nil then
      out[key] = vim.empty_dict()
    end
  end
  return out
end

--- Turn setup options into an LSP client configuration (pure: no side effects).
---
--- opts.cmd           command to run (default { 'copydesk', 'lsp' })
--- opts.settings      copydesk settings, the same shape as copydesk.toml:
---                    { rules = { misspelling = 'error' }, misspellings = { wrong = 'right' },
---                      names = { house = { 'variant' } }, boilerplate = { patterns = { ... } },
---                      attribution = { verbs = { ... } }, dictionary = { words = { ... }, lexicon = true },
---                      style = { hamza = 'strict' } }
--- opts.filetypes     filetypes to check (default text, markdown, html)
--- opts.root_markers  files that mark the desk's folder (default copydesk.toml, .git)
--- Any other field (on_attach, capabilities, ...) is passed to the client as it is.
---@param opts table|nil
---@return table
function M.client_config(opts)
  opts = vim.deepcopy(opts or {})
  local config = {}
  for k, v in pairs(opts) do
    if k ~= 'settings' then
      config[k] = v
    end
  end
  if type(config.cmd) == 'string' then
    config.cmd = { config.cmd, 'lsp' }
  end
  if opts.settings ~= nil then
    if type(opts.settings) ~= 'table' then
      error('copydesk: settings must be a table, like copydesk.toml')
    end
    -- The server reads them at start (initializationOptions) and whenever it asks
    -- (workspace/configuration, section "copydesk").
    local settings = as_json_maps(opts.settings)
    config.init_options = settings
    config.settings = { copydesk = settings }
  end
  return config
end

local function start_for_0_10(config)
  local base = vim.tbl_deep_extend('force', M.default_config(), config)
  vim.api.nvim_create_autocmd('FileType', {
    group = vim.api.nvim_create_augroup('copydesk', { clear = true }),
    pattern = base.filetypes,
    callback = function(ev)
      local root = vim.fs.root(ev.buf, base.root_markers)
      vim.lsp.start(vim.tbl_extend('force', base, { name = 'copydesk', root_dir = root }), { bufnr = ev.buf })
    end,
  })
end

--- Configure and enable copydesk.
---@param opts table|nil see |copydesk.client_config()|
function M.setup(opts)
  local config = M.client_config(opts)
  if vim.lsp.config ~= nil and vim.lsp.enable ~= nil then
    vim.lsp.config('copydesk', config)
    vim.lsp.enable('copydesk')
  else
    start_for_0_10(config)
  end
end

--- Apply every fix copydesk marks safe in the current buffer.
function M.fix_all()
  vim.lsp.buf.code_action({
    context = { only = { 'source.fixAll.copydesk' }, diagnostics = {} },
    apply = true,
  })
end

return M
