-- wrk script: the API key from the environment as a bearer token, and a pause before each request
-- so that the connections together offer about SYNCPLAN_RATE requests a second.
wrk.headers["Authorization"] = "Bearer " .. os.getenv("SYNCPLAN_API_KEY")

local connections = tonumber(os.getenv("SYNCPLAN_CONNECTIONS") or "20")
local rate = tonumber(os.getenv("SYNCPLAN_RATE") or "1000")

function delay()
  return connections * 1000 / rate
end
