-- The wrk script every path is driven with when wrk is the load generator (see wrk.py).
--
-- wrk runs with one connection per thread (-t N -c N), so on each thread request() and response()
-- alternate: the time between them is one request's latency, taken here from CLOCK_MONOTONIC at full
-- resolution with the request's start and outcome. Every first message carries a unique nonce (the
-- same words as workloads.nonce), so no cache sees a prompt twice; a conversation sends the
-- answer's content back verbatim, still JSON-escaped, with the next turn.
--
-- Outcomes: "ok"; "shed" (503 with retry-after); "HTTP <status>"; "malformed answer" (200 without
-- a message's content); "no answer" (a request overwritten by the next one: wrk reconnected after
-- a socket error or timeout). A request still waiting when wrk stops is written as "unfinished".
-- With BENCH_HONOUR_RETRY_AFTER=1 a shed client waits what retry-after says, as SDKs do.
--
-- Environment (set by wrk.py): BENCH_OUT, BENCH_ROUTE, BENCH_KEY, BENCH_SEED, BENCH_TURNS,
-- BENCH_HONOUR_RETRY_AFTER and the body's JSON pieces BENCH_HEAD, BENCH_TAIL, BENCH_FIRST_A,
-- BENCH_FIRST_B, BENCH_TURN_A, BENCH_TURN_B, BENCH_TURN_C (see wrk.body_pieces).

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clk_id, bench_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")

local function now()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
  return tonumber(clock.tv_sec) + tonumber(clock.tv_nsec) * 1e-9
end

local env = os.getenv
local SYLLABLES = { "ka", "lo", "mi", "nu", "re", "sa", "to", "vi", "ze", "pu", "go", "he" }

local function nonce(n)
  local word = ""
  repeat
    local r = n % #SYLLABLES
    n = (n - r) / #SYLLABLES
    word = word .. SYLLABLES[r + 1]
  until n == 0
  return word
end

-- The content of the answer's first message, still escaped as it stands in the JSON, or nil.
local function answer_content(body)
  local at = body and select(2, body:find('"content"%s*:%s*"'))
  if not at then
    return nil
  end
  local i = at + 1
  while true do
    local c = body:sub(i, i)
    if c == "" then
      return nil
    elseif c == "\\" then
      i = i + 2
    elseif c == '"' then
      return body:sub(at + 1, i - 1)
    else
      i = i + 1
    end
  end
end

-- The main state: every thread, so done() can collect what each one timed.
local threads = {}

function setup(thread)
  thread:set("thread_index", #threads)
  table.insert(threads, thread)
end

-- Each thread's state: its one connection's requests, as parallel arrays (copied out by done()).
starts, latencies, outcomes = {}, {}, {}
local head, tail, turns, honour
local first_a, first_b, turn_a, turn_b, turn_c
local headers
local counter, tag, turn, messages = 0, nil, 0, nil
pending_start = nil -- the start of the request on the wire, if any (done() reads it)
local wait_ms = 0

function init(_)
  head, tail = env("BENCH_HEAD"), env("BENCH_TAIL")
  first_a, first_b = env("BENCH_FIRST_A"), env("BENCH_FIRST_B")
  turn_a, turn_b, turn_c = env("BENCH_TURN_A"), env("BENCH_TURN_B"), env("BENCH_TURN_C")
  turns = tonumber(env("BENCH_TURNS") or "1")
  honour = env("BENCH_HONOUR_RETRY_AFTER") == "1"
  -- unique across threads (2^36 requests each) and rounds (a random seed below 2^40)
  counter = tonumber(env("BENCH_SEED")) + thread_index * 2 ^ 36
  headers = { ["authorization"] = "Bearer " .. env("BENCH_KEY"), ["content-type"] = "application/json" }
end

local function record(start, outcome)
  local n = #starts + 1
  starts[n], latencies[n], outcomes[n] = start, (now() - start) * 1000, outcome
end

function request()
  -- wrk calls request() once on the first thread's state to check it, before anything is sent:
  -- a request pending before any was answered is that one (a socket error is in wrk's count too).
  if pending_start and #starts > 0 then
    record(pending_start, "no answer")
  end
  if messages == nil then
    counter = counter + 1
    tag, turn = nonce(counter), 0
    messages = { first_a .. tag .. first_b }
  end
  local body = head .. table.concat(messages, ",") .. tail
  pending_start = now()
  return wrk.format("POST", env("BENCH_ROUTE"), headers, body)
end

function response(status, response_headers, body)
  local start = pending_start
  pending_start = nil
  wait_ms = 0
  if status == 200 then
    local content = answer_content(body)
    if content == nil then
      record(start, "malformed answer")
      messages = nil
      return
    end
    record(start, "ok")
    turn = turn + 1
    if turn < turns then
      messages[#messages + 1] = '{"role": "assistant", "content": "' .. content .. '"}'
      messages[#messages + 1] = turn_a .. nonce(turn - 1) .. turn_b .. tag .. turn_c
    else
      messages = nil
    end
    return
  end
  local retry_after = nil
  for name, value in pairs(response_headers) do
    if name:lower() == "retry-after" then
      retry_after = tonumber(value)
    end
  end
  if status == 503 and retry_after then
    record(start, "shed")
    if honour then
      wait_ms = retry_after * 1000
    end
  else
    record(start, "HTTP " .. status)
  end
  messages = nil -- a conversation that was refused starts again
end

-- Defined only when honoured: wrk otherwise sends the next request with no timer in between.
if env("BENCH_HONOUR_RETRY_AFTER") == "1" then
  function delay()
    return wait_ms
  end
end

function done(summary, _, _)
  local out = assert(io.open(env("BENCH_OUT"), "w"))
  for _, thread in ipairs(threads) do
    local s, l, o = thread:get("starts"), thread:get("latencies"), thread:get("outcomes")
    for i = 1, #s do
      out:write(string.format("%.6f\t%.3f\t%s\n", s[i], l[i], o[i]))
    end
    local left = thread:get("pending_start")
    if left then
      out:write(string.format("%.6f\t-1\tunfinished\n", left))
    end
  end
  for kind, n in pairs(summary.errors) do
    if n > 0 and kind ~= "status" then -- statuses are outcomes above
      out:write(string.format("error\t%d\t%s\n", n, kind))
    end
  end
  out:close()
end
