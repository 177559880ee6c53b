-- What a user writes in init.lua (with their own path to the plugin folder).
-- The tests start Neovim with it: nvim --headless --clean -u test/init.lua -l test/….lua
local plugin = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h:h')
vim.opt.rtp:prepend(plugin)
