-- Checks the Neovim setups that editors/README.md gives, as written there: the nvim-lspconfig
-- one (with stand-ins for lspconfig's modules, which record what the snippet configures) and,
-- where Neovim has vim.fs.root (0.10+), the Neovim 0.11 one. For a file outside any project the
-- root must be the file's own folder; inside one, the project's folder. Run by
-- `tests/neovim.rs` as:
--   nvim --headless -u NONE -c "luafile editors/neovim/tests_readme.lua"
-- with CM_LINT_README (the README) and CM_LINT_TREE (a folder holding alone/doc.md,
-- project/cm-lint.toml with project/sub/doc.md, and repo/.git with repo/docs/doc.md) in the
-- environment. Prints PASS or FAIL lines and quits with 0 on success, 1 on failure.

local function finish(ok, message)
  io.stdout:write((ok and "PASS " or "FAIL ") .. message .. "\n")
  io.stdout:flush()
  vim.cmd((ok and "qall!" or "cquit! 1"))
end

-- A path without a trailing slash, symbolic links resolved.
local function normal(path)
  return (vim.fn.fnamemodify(vim.fn.resolve(path), ":p"):gsub("(.)/$", "%1"))
end

local ok, err = pcall(function()
  local readme = table.concat(vim.fn.readfile(os.getenv("CM_LINT_README")), "\n")
  -- The first Lua block after `heading` in the README.
  local function block_after(heading)
    local at = readme:find(heading, 1, true)
    if not at then error("no '" .. heading .. "' in the README") end
    local code = readme:match("```lua\n(.-)\n```", at)
    if not code then error("no Lua block after '" .. heading .. "'") end
    local chunk, problem = (loadstring or load)(code, heading)
    if not chunk then error(problem) end
    return chunk
  end
  local tree = os.getenv("CM_LINT_TREE")
  local roots = {
    [tree .. "/alone/doc.md"] = tree .. "/alone",
    [tree .. "/project/sub/doc.md"] = tree .. "/project",
    [tree .. "/repo/docs/doc.md"] = tree .. "/repo",
  }
  local function check(setup, file, got)
    if got == nil or normal(got) ~= normal(roots[file]) then
      error(setup .. ": the root of " .. file .. " should be " .. roots[file] .. ", not " .. tostring(got))
    end
  end

  -- 1. nvim-lspconfig. Its root_pattern finds the nearest folder holding any of the markers.
  local set_up = {}
  package.loaded["lspconfig.configs"] = {}
  package.loaded["lspconfig.util"] = {
    root_pattern = function(...)
      local markers = { ... }
      return function(fname)
        local dir = vim.fn.fnamemodify(fname, ":p:h")
        while true do
          for _, marker in ipairs(markers) do
            local path = dir .. "/" .. marker
            if vim.fn.filereadable(path) == 1 or vim.fn.isdirectory(path) == 1 then return dir end
          end
          local parent = vim.fn.fnamemodify(dir, ":h")
          if parent == dir then return nil end
          dir = parent
        end
      end
    end,
  }
  package.loaded["lspconfig"] = setmetatable({}, {
    __index = function(_, name)
      return { setup = function(options) set_up[name] = options or {} end }
    end,
  })
  block_after("With nvim-lspconfig")()
  local configured = package.loaded["lspconfig.configs"].cm_lint
  if not configured or not set_up.cm_lint then error("lspconfig: cm_lint is not defined and set up") end
  local default = configured.default_config
  if default.single_file_support ~= true then error("lspconfig: single_file_support is not true") end
  for file in pairs(roots) do
    check("lspconfig", file, default.root_dir(file, nil))
  end
  io.stdout:write("ok lspconfig: single-file support, roots\n")

  -- 2. Neovim 0.11's vim.lsp.config and vim.lsp.enable, replaced while the block runs.
  if not (vim.fs and vim.fs.root) then
    io.stdout:write("skipped the Neovim 0.11 setup: this Neovim has no vim.fs.root\n")
    return
  end
  local configs, enabled = {}, nil
  local real_config, real_enable = vim.lsp.config, vim.lsp.enable
  vim.lsp.config = function(name, config) configs[name] = config end
  vim.lsp.enable = function(name) enabled = name end
  local ran, problem = pcall(block_after("With Neovim 0.11"))
  vim.lsp.config, vim.lsp.enable = real_config, real_enable
  if not ran then error(problem) end
  if enabled ~= "cm_lint" or not configs.cm_lint then error("0.11: cm_lint is not configured and enabled") end
  for file in pairs(roots) do
    vim.cmd("edit " .. vim.fn.fnameescape(file))
    local got = nil
    configs.cm_lint.root_dir(vim.api.nvim_get_current_buf(), function(dir) got = dir end)
    check("0.11", file, got)
  end
  io.stdout:write("ok Neovim 0.11: roots\n")
end)

if ok then finish(true, "README setups") else finish(false, tostring(err)) end
