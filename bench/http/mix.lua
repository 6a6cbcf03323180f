-- bench/http/mix.lua: wrk's script for bench/http/soak.  Each wrk thread
-- sends the requests of a mix file in turn, from its own place in it, and
-- counts the answers by status; at the end the figures of the run go to a
-- file of "key value" lines, read by the soak script.
--
-- Environment:
--   SOAK_MIX  the mix: one request a line, four fields split by tabs:
--             method, path, one header line or "-", a JSON body or "-"
--             (the order of the lines is the order of the requests)
--   SOAK_OUT  where the figures go: requests, duration_us, bytes, the
--             socket errors (connect, read, write, timeout), "status N
--             COUNT" for each status seen, the latency's min, max and
--             mean in microseconds, and "q P US" for its percentiles P
--             from 0.1 to 99 by 0.1 and from 99.01 to 100 by 0.01, from
--             which the soak merges percentiles over several runs

local requests = {}
local at = 0
counts = {}

local threads = {}
local made = 0

-- Number each thread, so that each starts at its own place in the mix.
function setup(thread)
	made = made + 1
	thread:set("number", made)
	table.insert(threads, thread)
end

local function field(s)
	if s == "-" then
		return nil
	end
	return s
end

function init(args)
	local f = assert(io.open(assert(os.getenv("SOAK_MIX"))))
	for line in f:lines() do
		local method, path, header, body =
			line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
		assert(method, "a mix line is not four fields")
		local headers = {}
		header = field(header)
		if header then
			local k, v = header:match("^([^:]+):%s*(.*)$")
			headers[k] = v
		end
		body = field(body)
		if body then
			headers["Content-Type"] = "application/json"
		end
		requests[#requests + 1] = wrk.format(method, path, headers, body)
	end
	f:close()
	assert(#requests > 0, "the mix is empty")
	at = ((number or 1) * 7) % #requests
end

function request()
	at = at % #requests + 1
	return requests[at]
end

function response(status, headers, body)
	counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests_)
	local out = assert(io.open(assert(os.getenv("SOAK_OUT")), "w"))
	local e = summary.errors
	out:write(string.format("requests %d\nduration_us %d\nbytes %d\n",
		summary.requests, summary.duration, summary.bytes))
	out:write(string.format("connect %d\nread %d\nwrite %d\ntimeout %d\n",
		e.connect, e.read, e.write, e.timeout))
	local all = {}
	for _, t in ipairs(threads) do
		for status, n in pairs(t:get("counts")) do
			all[status] = (all[status] or 0) + n
		end
	end
	for status, n in pairs(all) do
		out:write(string.format("status %d %d\n", status, n))
	end
	out:write(string.format("min %d\nmax %d\nmean %.1f\n", latency.min,
		latency.max, latency.mean))
	for i = 1, 990 do
		out:write(string.format("q %.2f %d\n", i / 10,
			latency:percentile(i / 10)))
	end
	for i = 1, 100 do
		out:write(string.format("q %.2f %d\n", 99 + i / 100,
			latency:percentile(99 + i / 100)))
	end
	out:close()
end
