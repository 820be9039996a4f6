-- One benchmark call for wrk: a method, a path and a body with templates
-- ({id}: a random record id from a pool, {n}: a random number from 1 to N,
-- {u}: a value no other request of any run has, for names that must be unique),
-- an optional Authorization header; prints a JSON summary at the end.
--
-- wrk -s wrk_call.lua URL -- METHOD PATH BODY AUTH FIRST_ID COUNT STEP RESIDUES [RATE]
--   a record id is FIRST_ID + i - 1 for i in 1..COUNT with (i % STEP) in RESIDUES
--   (comma-separated); {n} draws from 1..COUNT. "-" stands for an empty BODY or AUTH.
--   RATE (requests per second, all connections together; absent or "-": as fast as the
--   connections go) paces the requests with wrk's delay() hook, which Debian's wrk (no -R) has.

local method, path, body, auth
local first_id, count, step
local residues = {}
local interval_ms = nil

-- The pace: one schedule of send times, interval_ms apart, for all the thread's connections
-- (wrk runs one Lua state per thread, and the benchmark one thread). A connection that has its
-- answer claims the next free send time and waits for it, so the connections together send
-- RATE requests a second whatever each request's latency, as long as one is free at each send
-- time: a fixed wait of CONNECTIONS / RATE per connection would fall short by the latency, and
-- would send the connections' first requests all at once. wrk starts its latency clock after
-- the wait: the latency measured is the service's at that load.
local ffi = require("ffi")
ffi.cdef([[
  typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
  int clock_gettime(int clock, bench_timespec *time);
]])
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local next_send_ms = nil

local function paced_delay()
  local now = now_ms()
  -- When every connection was busy at a send time, that time has passed: it is dropped rather
  -- than sent late in a burst (the achieved rate shows the shortfall).
  if next_send_ms == nil or next_send_ms < now then next_send_ms = now end
  local wait = next_send_ms - now
  next_send_ms = next_send_ms + interval_ms
  return math.floor(wait + 0.5) -- wrk waits whole milliseconds
end

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
  local rate = tonumber(args[9] or "-")
  if rate ~= nil and rate > 0 then
    interval_ms = 1000 / rate
    -- wrk asks for delay() only when the script defines it, after init: defined here, the
    -- saturation runs (no RATE) keep sending each request as soon as the previous one answers.
    delay = paced_delay
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
