-- the visit mix, $limit responses per thread (placeholders filled in by bench/worker_memory.py)
local host = wrk.host .. ":" .. wrk.port
local ua = "$user_agent"
local marker = "$marker"
local limit = $limit
local steps = {
$steps
}
local cookie = "$cookie"
local position = 0
local stopped = false
local threads = {}
issued = {page = 0, beacon = 0, static = 0, missing = 0}
answered = {page = 0, beacon = 0, static = 0, missing = 0}
bad = 0
local responses = 0

function setup(thread)
  table.insert(threads, thread)
end

function request()
  position = position % #steps + 1
  local kind, path = steps[position][1], steps[position][2]
  issued[kind] = issued[kind] + 1
  local headers = {["Host"] = host, ["User-Agent"] = ua}
  if kind == "beacon" then headers["Cookie"] = cookie end
  return wrk.format("GET", path, headers)
end

function response(status, headers, body)
  responses = responses + 1
  local ctype, fresh = "", nil
  for name, value in pairs(headers) do
    local lower = string.lower(name)
    if lower == "content-type" then ctype = value end
    if lower == "set-cookie" then fresh = string.match(value, "^([%w_-]*stats=[^;]+)") end
  end
  if status == 404 then
    answered.missing = answered.missing + 1
  elseif status < 200 or status > 299 then
    bad = bad + 1
  elseif string.find(ctype, "text/html", 1, true) then
    answered.page = answered.page + 1
    if fresh then cookie = fresh end
  elseif string.find(ctype, "image/gif", 1, true) then
    answered.beacon = answered.beacon + 1
  else
    answered.static = answered.static + 1
  end
  if responses >= limit and not stopped then
    -- Stop sending but keep the connections open, so their counts can still be read.
    stopped = true
    local file = io.open(marker, "a")
    file:write("stopped\n")
    file:close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local totals = {}
  for _, kind in ipairs({"page", "beacon", "static", "missing"}) do
    totals[kind] = {0, 0}
  end
  local x = 0
  for _, thread in ipairs(threads) do
    local i, a = thread:get("issued"), thread:get("answered")
    for kind, pair in pairs(totals) do
      pair[1] = pair[1] + a[kind]
      pair[2] = pair[2] + i[kind]
    end
    x = x + thread:get("bad")
  end
  io.write(string.format(
    "BENCH page=%d/%d beacon=%d/%d static=%d/%d missing=%d/%d bad=%d\n",
    totals.page[1], totals.page[2], totals.beacon[1], totals.beacon[2],
    totals.static[1], totals.static[2], totals.missing[1], totals.missing[2], x))
end
