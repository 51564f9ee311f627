-- wrk script of the HTTP benchmark (HttpLoadBench): each wrk thread sends, in order, the raw
-- requests of its own file <prefix><thread number>, written beforehand (pre-signed, each nonce once).
-- File format: for each request, its length in bytes on a line of its own, then its bytes.
-- If a thread runs out of requests it starts again from its first one and counts it: those requests
-- are replays (401 when signed), so HttpLoadBench rejects such a run.
-- Usage: wrk -s requests.lua <url> -- <prefix>
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local reqs = {}
local n = 0
local i = 0
wrapped = 0

function init(args)
  local f = assert(io.open(args[1] .. id, "rb"))
  while true do
    local len = f:read("*l")
    if not len then break end
    n = n + 1
    reqs[n] = f:read(tonumber(len))
  end
  f:close()
end

function request()
  i = i + 1
  if i > n then
    i = 1
    wrapped = wrapped + 1
  end
  return reqs[i]
end

function done(summary, latency, requests)
  local w = 0
  for _, t in ipairs(threads) do
    w = w + t:get("wrapped")
  end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d non2xx=%d socket_errors=%d wrapped=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d mean_us=%.1f\n",
    summary.requests, summary.duration, e.status, e.connect + e.read + e.write + e.timeout, w,
    latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency:percentile(99.9), latency.mean))
end
