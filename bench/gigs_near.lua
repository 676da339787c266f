-- wrk script: 附近的零工 (/gigs) as workers open it — nine in ten by the
-- phone's position somewhere in 东西湖区 and around (radius 5–20 km, a day
-- of the next three or any, sorted by distance or start, page 1–2), one in
-- ten by district or street without a position. Anonymous: the page has
-- no cache, so every request is searched and rendered.
--
--   wrk -t2 -c64 -d20s --latency -s bench/gigs_near.lua http://127.0.0.1:8080
local districts = {"420102","420103","420104","420105","420106","420107","420111","420112","420113","420114","420115","420116","420117"}
local radii = {"", "5", "10", "20"}
local sorts = {"", "start", "pay"}
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
local function day(k)
  return os.date("!%Y-%m-%d", os.time() + 8 * 3600 + k * 86400)
end
request = function()
  local path
  if math.random(10) == 1 then
    path = "/gigs?district=" .. districts[math.random(#districts)] .. "&sort=start"
  else
    local lat = 30.55 + math.random() * 0.25
    local lng = 114.00 + math.random() * 0.30
    path = string.format("/gigs?lat=%.3f&lng=%.3f&radius_km=%s&sort=%s&page=%d", lat, lng, radii[math.random(#radii)], sorts[math.random(#sorts)], math.random(2))
    if math.random(2) == 1 then path = path .. "&date=" .. day(math.random(0, 2)) end
  end
  return wrk.format("GET", path)
end
