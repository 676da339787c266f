-- wrk script: bench/gigs_near.lua's requests, paced. Each connection waits
-- PACE_MS (default 20) after every answer before asking again, so 64
-- connections offer about 64 × 1000 / (20 + latency) requests a second
-- (≈ 3,000 at 20 ms) instead of as many as the server can take: the
-- latency at a stated rate rather than at saturation.
--
--   PACE_MS=20 wrk -t2 -c64 -d20s --latency -s bench/gigs_near_paced.lua http://127.0.0.1:8080
local pace = tonumber(os.getenv("PACE_MS") or "20")
local base = debug.getinfo(1, "S").source:sub(2):gsub("gigs_near_paced%.lua$", "gigs_near.lua")
dofile(base)
function delay()
  return pace
end
