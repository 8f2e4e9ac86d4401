-- akslint for Neovim 0.11+ (built-in LSP client, no plugin): put this in your init.lua, or
-- `require` it from there. editors/neovim/README.md explains the options.
vim.lsp.config('akslint', {
  cmd = { 'akslint', 'lsp' }, -- add '--config', '/path/to/akslint.toml' for one config for every file
  filetypes = { 'yaml', 'json', 'terraform', 'terraform-vars' },
  -- The project root akslint itself uses: an akslint.toml with `root = true`, or the repository.
  root_markers = { 'akslint.toml', '.git' },
})
vim.lsp.enable('akslint')
