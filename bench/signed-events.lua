-- wrk script: POSTs the signed events of EVENTS_FILE, each once, spread over the THREADS threads (wrk -t).
-- With DUPLICATE=1 every request sends the first event again (the "already processed" path); with FORGED=1, the
-- first event with a signature that does not match (the refusal path). With PACE_MS=n each connection waits n ms
-- after each answer before its next request: a paced load instead of as fast as the service answers.
local events = {}
local counter = 0
local step = tonumber(os.getenv("THREADS") or "1")
local created = 0

function setup(thread)
  thread:set("id", created)
  created = created + 1
end

function init(args)
  for line in io.lines(os.getenv("EVENTS_FILE")) do
    local sig, body = line:match("^(%x+)\t(.*)$")
    events[#events + 1] = { sig = sig, body = body }
  end
  -- SKIP=n: begin after the first n events (a warm-up in several runs sends none twice)
  counter = id + tonumber(os.getenv("SKIP") or "0")
end

function request()
  local event
  if os.getenv("FORGED") == "1" then
    event = { sig = string.rep("0", 64), body = events[1].body }
  elseif os.getenv("DUPLICATE") == "1" then
    event = events[1]
  else
    event = events[(counter % #events) + 1]
    counter = counter + step
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
