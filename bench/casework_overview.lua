-- wrk script: 话务中心 agents opening the agent screen (/console/casework/
-- persons/{id}) of random served persons of the scale-1 demo (ids 1–5500),
-- logged in with the bearer token in TOKEN (an admin, who may open every
-- team's cases). Every request is a fresh overview: audited, diagnosed,
-- recommended and matched against the policy catalog.
--
--   TOKEN=… wrk -t2 -c8 -d20s --latency -s bench/casework_overview.lua http://127.0.0.1:8080
--   API=1 TOKEN=… wrk … (the same as JSON: /api/v1/casework/persons/{id}/overview)
local token = os.getenv("TOKEN")
local api = os.getenv("API") == "1"
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local id = math.random(5500)
  local path = "/console/casework/persons/" .. id
  if api then path = "/api/v1/casework/persons/" .. id .. "/overview" end
  return wrk.format("GET", path, {["Authorization"] = "Bearer " .. token})
end
