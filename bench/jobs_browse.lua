-- wrk script: browsing /jobs by district without a keyword, the way many
-- people start on a phone: a district, a sort, a page, and a random salary
-- floor (1000–6000) so the 5-second caches almost never answer.
--
--   wrk -t2 -c64 -d20s --latency -s bench/jobs_browse.lua http://127.0.0.1:8080
local regions = {"420102","420103","420104","420105","420106","420107","420111","420112","420113","420114","420115","420116","420117"}
local sorts = {"","newest","salary"}
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  local path = "/jobs?region=" .. regions[math.random(#regions)] .. "&salary_min=" .. math.random(1000, 6000) ..
    "&sort=" .. sorts[math.random(#sorts)] .. "&page=" .. math.random(5)
  return wrk.format("GET", path)
end
