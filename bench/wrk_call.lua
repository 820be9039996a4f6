-- One benchmark call for wrk: a method, a path and a body with templates
-- ({id}: a random record id from a pool, {n}: a random number from 1 to N,
-- {u}: a value no other request of any run has, for names that must be unique),
-- an optional Authorization header; prints a JSON summary at the end.
--
-- wrk -s wrk_call.lua URL -- METHOD PATH BODY AUTH FIRST_ID COUNT STEP RESIDUES
--   a record id is FIRST_ID + i - 1 for i in 1..COUNT with (i % STEP) in RESIDUES
--   (comma-separated); {n} draws from 1..COUNT. "-" stands for an empty BODY or AUTH.

local method, path, body, auth
local first_id, count, step
local residues = {}

function init(args)
  method = args[1]
  path = args[2]
  body = args[3] ~= "-" and args[3] or nil
  auth = args[4] ~= "-" and args[4] or nil
  first_id = tonumber(args[5])
  count = tonumber(args[6])
  step = tonumber(args[7])
  for residue in string.gmatch(args[8], "%d+") do
    residues[#residues + 1] = tonumber(residue)
  end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end

local function random_id()
  while true do
    local i = math.random(0, math.floor(count / step)) * step + residues[math.random(#residues)]
    if i >= 1 and i <= count then return first_id + i - 1 end
  end
end

local run_key = nil
local sent = 0

local function unique()
  run_key = run_key or string.format("%x%06x", os.time(), math.random(0, 0xffffff))
  sent = sent + 1
  return run_key .. "-" .. sent
end

local function fill(template)
  if template == nil then return nil end
  local text = template:gsub("{id}", function() return tostring(random_id()) end)
  text = text:gsub("{u}", unique)
  return (text:gsub("{n}", function() return tostring(math.random(1, count)) end))
end

function request()
  local headers = {}
  if auth then headers["Authorization"] = auth end
  local filled = fill(body)
  if filled then headers["Content-Type"] = "application/x-www-form-urlencoded" end
  return wrk.format(method, fill(path), headers, filled)
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"duration_us":%d,"errors":{"connect":%d,"read":%d,"write":%d,' ..
      '"status":%d,"timeout":%d},"latency_us":{"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}}\n',
    summary.requests, summary.duration, errors.connect, errors.read, errors.write, errors.status,
    errors.timeout, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end
