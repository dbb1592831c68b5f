-- One wrk thread per virtual client, each with its own logged-in session. The cookies come
-- from BENCH_COOKIES (space-separated "sessionid=..." values), one per thread.
local cookies = {}
for cookie in string.gmatch(os.getenv("BENCH_COOKIES") or "", "%S+") do
  table.insert(cookies, cookie)
end
local counter = 0
local threads = {}

function setup(thread)
  counter = counter + 1
  thread:set("cookie", cookies[((counter - 1) % math.max(#cookies, 1)) + 1] or "")
  table.insert(threads, thread)
end

function init(args)
  wrk.headers["Cookie"] = cookie
  wrk.headers["X-Forwarded-Proto"] = "https"
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, ' ..
    '"errors_connect": %d, "errors_read": %d, "errors_write": %d, "errors_status": %d, "errors_timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.mean,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout))
end
