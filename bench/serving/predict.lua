-- One penguin per request to POST /api/models/penguins/predict; MODELWAY_BENCH_DELAY_MS paces each connection,
-- MODELWAY_BENCH_AUTHORIZATION is the Authorization header it sends.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
-- A client app's credentials: "Bearer <access token>" or "Bearer mw_<API key>".
wrk.headers["Authorization"] = os.getenv("MODELWAY_BENCH_AUTHORIZATION")
wrk.body = '{"instances":[{"Island":"Biscoe","Beak Length (mm)":46.1,"Beak Depth (mm)":13.2,' ..
  '"Flipper Length (mm)":211,"Body Mass (g)":4500,"Sex":"FEMALE"}]}'

local pause = tonumber(os.getenv("MODELWAY_BENCH_DELAY_MS") or "0")

function delay()
  return pause
end

local failed = 0
function response(status, headers, body)
  if status ~= 200 then
    failed = failed + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d\n", summary.errors.status + summary.errors.connect
    + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
