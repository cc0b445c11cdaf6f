-- The same server's no-model endpoint, for the ceiling of HTTP + Spring MVC on this machine.
wrk.method = "GET"
