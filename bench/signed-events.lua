-- wrk script: POSTs the signed events of EVENTS_FILE, each once, spread over the threads.
-- With DUPLICATE=1 every request sends the first event again (the "already processed" path).
local events = {}
local counter = 0
local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(os.getenv("EVENTS_FILE")) do
    local sig, body = line:match("^(%x+)\t(.*)$")
    events[#events + 1] = { sig = sig, body = body }
  end
  counter = id
end

function request()
  local event
  if os.getenv("DUPLICATE") == "1" then
    event = events[1]
  else
    event = events[(counter % #events) + 1]
    counter = counter + #threads
  end
  return wrk.format("POST", "/webhooks/paymentflow",
    { ["Content-Type"] = "application/json", ["PaymentFlow-Signature"] = event.sig }, event.body)
end

local non200 = 0
function response(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
