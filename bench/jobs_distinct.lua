-- wrk script: /jobs search pages that the 5-second page and result caches
-- almost never answer — a 1–2-word query, a district, a random salary floor
-- (1000–6000) and posted-within window (30–365 days), an experience filter,
-- a sort and a page. It measures searching and rendering, not the cache.
--
--   wrk -t2 -c64 -d20s --latency -s bench/jobs_distinct.lua http://127.0.0.1:8080
--   (add -H "Cookie: jiuye_session=…" for a logged-in visitor)
local words = {"焊工","电工","司机","销售","客服","会计","出纳","文员","保安","保洁","厨师","服务员","普工","操作工","叉车","仓管","快递","外卖","护士","老师","幼师","前台","行政","人事","设计","java","前端","测试","运维","数据","施工员","造价","木工","钢筋","水电","店长","导购","收银","物业","维修","机修","钳工","数控","注塑","包装","质检","采购","跟单","理货","驾驶员","育婴","月嫂","家政","电焊","氩弧焊","汽修","美容","美发","面点","配菜"}
local regions = {"","420102","420103","420104","420105","420106","420107","420111","420112","420113","420114","420115","420116","420117"}
local sal = {"","3000","5000","8000"}
local sorts = {"","newest","salary"}
local exps = {"","0","1","3","5"}
local n = 0
local function enc(s) return (s:gsub("[^%w]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
request = function()
  n = n + 1
  local q = words[math.random(#words)]
  if math.random(3) == 1 then q = q .. " " .. words[math.random(#words)] end
  local path = "/jobs?q=" .. enc(q) .. "&region=" .. regions[math.random(#regions)] .. "&salary_min=" .. math.random(1000, 6000) .. "&posted_within=" .. math.random(30, 365) ..
    "&experience=" .. exps[math.random(#exps)] .. "&sort=" .. sorts[math.random(#sorts)] .. "&page=" .. math.random(3)
  return wrk.format("GET", path)
end
