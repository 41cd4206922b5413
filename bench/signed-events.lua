-- wrk script: POSTs the signed events of EVENTS_FILE, each once, spread over the THREADS threads (wrk -t).
-- With DUPLICATE=1 every request sends the first event again (the "already processed" path); with FORGED=1, the
-- first event with a signature that does not match (the refusal path). With PACE_MS=n each connection waits n ms
-- after each answer before its next request: a paced load instead of as fast as the service answers.
--
-- Each thread reads its events from the file as it sends them, not all of them in init: wrk starts a thread as soon
-- as its own init is done, before it runs the next thread's, and times the run only from the last one. A thread
-- that loaded 400,000 events took 1.5-2 s, while the thread before it was already sending, uncounted in the time:
-- runs up to AL overstated the rates of the steps that send new events (3, 5's backlog, 6 to 10) by that much.
local step = tonumber(os.getenv("THREADS") or "1")
local created = 0
local lines
local first

function setup(thread)
  thread:set("id", created)
  created = created + 1
end

local function parse(line)
  local sig, body = line:match("^(%x+)\t(.*)$")
  return { sig = sig, body = body }
end

-- the next line of the file, from its start again at its end (a file too short for the load sends events twice)
local function next_line()
  local line = lines()
  if line == nil then
    lines = io.lines(os.getenv("EVENTS_FILE"))
    line = lines()
  end
  return line
end

function init(args)
  lines = io.lines(os.getenv("EVENTS_FILE"))
  first = parse(lines())
  lines = io.lines(os.getenv("EVENTS_FILE"))
  -- this thread sends lines id + 1, id + 1 + step, ...; SKIP=n: after the first n (a warm-up in several runs sends
  -- none twice)
  for _ = 1, id + tonumber(os.getenv("SKIP") or "0") do
    next_line()
  end
end

function request()
  local event
  if os.getenv("FORGED") == "1" then
    event = { sig = string.rep("0", 64), body = first.body }
  elseif os.getenv("DUPLICATE") == "1" then
    event = first
  else
    event = parse(next_line())
    for _ = 2, step do
      next_line()
    end
  end
  return wrk.format("POST", "/webhooks/paymentflow",
    { ["Content-Type"] = "application/json", ["PaymentFlow-Signature"] = event.sig }, event.body)
end

local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  function delay()
    return pace
  end
end
