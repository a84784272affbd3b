-- End-to-end test: a real headless Neovim, the real `cm-lint server`, the plugin.
-- Run by `tests/neovim.rs` as:
--   nvim --headless -u NONE -c "luafile editors/neovim/tests_e2e.lua"
-- with CM_LINT_BIN, CM_LINT_PLUGIN and CM_LINT_DOC in the environment (and CM_LINT_ROOT, the
-- root the client must have, when the test knows it). Prints PASS or FAIL
-- lines and quits with 0 on success, 1 on failure. Every wait is bounded.

local function finish(ok, message)
  io.stdout:write((ok and "PASS " or "FAIL ") .. message .. "\n")
  io.stdout:flush()
  vim.cmd((ok and "qall!" or "cquit! 1"))
end

local ok, err = pcall(function()
  vim.opt.runtimepath:append(os.getenv("CM_LINT_PLUGIN"))
  vim.cmd("filetype on")
  local cm_lint = require("cm_lint")
  cm_lint.setup({ cmd = { os.getenv("CM_LINT_BIN"), "server" } })
  vim.cmd("edit " .. os.getenv("CM_LINT_DOC"))
  local bufnr = vim.api.nvim_get_current_buf()

  local function codes()
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(out, tostring(d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)))
    end
    table.sort(out)
    return table.concat(out, ",")
  end

  -- 1. Diagnostics appear.
  local appeared = vim.wait(15000, function() return codes() == "CM003" end, 50)
  if not appeared then error("expected CM003 after opening, got '" .. codes() .. "'") end
  io.stdout:write("ok diagnostics appear: " .. codes() .. "\n")

  -- The root: outside any project, the file's own folder.
  local want = os.getenv("CM_LINT_ROOT")
  if want then
    local client = vim.lsp.get_client_by_id(cm_lint.client_id())
    local root = client and client.config.root_dir
    if root ~= want then error("expected the root " .. want .. ", got " .. tostring(root)) end
    io.stdout:write("ok root is the file's folder\n")
  end

  -- 2. Edit the buffer; diagnostics update.
  vim.api.nvim_buf_set_lines(bufnr, 0, 0, false, { "Your coach/mentor will call.", "" })
  local updated = vim.wait(15000, function() return codes() == "CM001,CM003" end, 50)
  if not updated then error("expected CM001,CM003 after the edit, got '" .. codes() .. "'") end
  io.stdout:write("ok diagnostics update: " .. codes() .. "\n")

  -- 3. Apply the quick fix for CM003 (replace 'coaches' with 'mentors').
  local line = nil
  for index, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line == nil and text:find("Our coaches", 1, true) then line = index - 1 end
  end
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    range = { start = { line = line, character = 4 }, ["end"] = { line = line, character = 4 } },
    context = { diagnostics = {} },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, "textDocument/codeAction", params, 10000)
  local action = nil
  for _, response in pairs(responses or {}) do
    for _, candidate in ipairs(response.result or {}) do
      if action == nil and candidate.title:match("^Replace") then action = candidate end
    end
  end
  if action == nil then error("no quick fix offered") end
  local applied = pcall(vim.lsp.util.apply_workspace_edit, action.edit, "utf-16")
  if not applied then vim.lsp.util.apply_workspace_edit(action.edit) end
  local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), "\n")
  if not text:find("Our mentors give advice", 1, true) then error("quick fix not applied: " .. text) end
  io.stdout:write("ok quick fix applied\n")
  local cleared = vim.wait(15000, function() return codes() == "CM001" end, 50)
  if not cleared then error("expected only CM001 after the fix, got '" .. codes() .. "'") end
  io.stdout:write("ok diagnostics after fix: " .. codes() .. "\n")
end)

if ok then finish(true, "neovim " .. tostring(vim.version().major) .. "." .. tostring(vim.version().minor)) else finish(false, tostring(err)) end
