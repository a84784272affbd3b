-- cm-lint for Neovim: starts `cm-lint server` for Markdown, plain-text and HTML buffers.
--
--   require("cm_lint").setup{}                              -- defaults
--   require("cm_lint").setup{ cmd = { "/path/to/cm-lint", "server" },
--                             settings = { ignore = { "CM005" } } }
--
-- Uses vim.lsp.start where the editor has it (Neovim 0.8+), and the older
-- vim.lsp.start_client / buf_attach_client API on Neovim 0.7.

local M = {}

M.defaults = {
  cmd = { "cm-lint", "server" },
  filetypes = { "markdown", "text", "html" },
  -- Passed as initializationOptions and on workspace/didChangeConfiguration:
  -- { select = { "CM001" }, ignore = { "CM005" }, severity = { CM003 = "error" } }
  settings = {},
  root_markers = { "cm-lint.toml", ".cm-lint.toml", ".git" },
}

local config = vim.deepcopy(M.defaults)
local client_id = nil

-- The root given to the server: the nearest folder at or above the buffer's file that holds
-- the first of config.root_markers found (cm-lint.toml, then .cm-lint.toml, then .git); for a
-- file outside any project, the file's own folder (the current folder for an unnamed buffer).
-- The server is started either way: there is no single-file case to turn on, as lspconfig's
-- single_file_support does.
local function root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr)
  local start = (name ~= "" and vim.fn.fnamemodify(name, ":p:h")) or vim.fn.getcwd()
  for _, marker in ipairs(config.root_markers) do
    local found = vim.fn.findfile(marker, start .. ";")
    if found == "" then
      found = vim.fn.finddir(marker, start .. ";")
    end
    if found ~= "" then
      return vim.fn.fnamemodify(found, ":p:h")
    end
  end
  return start
end

local function client_config(bufnr)
  local root = root_dir(bufnr)
  return {
    name = "cm-lint",
    cmd = config.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    init_options = config.settings,
    settings = { cmLint = config.settings },
  }
end

--- Attaches cm-lint to a buffer.
function M.attach(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if vim.lsp.start then
    client_id = vim.lsp.start(client_config(bufnr), { bufnr = bufnr })
    return client_id
  end
  -- Neovim 0.7: one client, attached to each buffer in turn.
  if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client(client_config(bufnr))
  end
  if client_id then
    vim.lsp.buf_attach_client(bufnr, client_id)
  end
  return client_id
end

--- Configures cm-lint and attaches it to matching buffers, now and later.
function M.setup(opts)
  config = vim.tbl_deep_extend("force", vim.deepcopy(M.defaults), opts or {})
  local group = vim.api.nvim_create_augroup("cm_lint", { clear = true })
  vim.api.nvim_create_autocmd("FileType", {
    group = group,
    pattern = config.filetypes,
    callback = function(args)
      M.attach(args.buf)
    end,
  })
  for _, bufnr in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.tbl_contains(config.filetypes, vim.bo[bufnr].filetype) then
      M.attach(bufnr)
    end
  end
end

--- The id of the running client, if any.
function M.client_id()
  return client_id
end

return M
