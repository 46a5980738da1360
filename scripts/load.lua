-- wrk script for scripts/load.sh: requests the pages listed, one per line, in the file named
-- after `--`, in turn; each thread starts at a different page.
local paths = {}
local i = 0

function init(args)
  for line in io.lines(args[1]) do
    paths[#paths + 1] = line
  end
  i = math.random(#paths)
end

function request()
  i = i % #paths + 1
  return wrk.format("GET", paths[i])
end
