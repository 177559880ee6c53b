-- copydesk: the language server for Arabic-first news copy.
-- Neovim 0.11+ finds this file on the runtimepath: `vim.lsp.enable('copydesk')` starts
-- `copydesk lsp` for text and Markdown buffers. Change any field with
-- `vim.lsp.config('copydesk', { ... })`, or use `require('copydesk').setup(opts)`.

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'lsp' },
  filetypes = { 'text', 'markdown', 'html' },
  root_markers = { 'copydesk.toml', '.git' },
}
