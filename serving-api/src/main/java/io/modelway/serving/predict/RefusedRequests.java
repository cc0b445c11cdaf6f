package io.modelway.serving.predict;

import io.micrometer.core.instrument.MeterRegistry;
import io.modelway.serving.models.ServedModels;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every prediction request that is answered with an error, on all three protocols, whatever refused it:
 * credentials and roles (401, 403), a body that is too large or not readable, input the model cannot take, a
 * model that is not served or a version that is refused. It sits outside the security filters, so nothing that
 * answers the request escapes it. {@code modelway_predict_errors_total{model,type,protocol}}: {@code model} only
 * names a served model, so callers cannot grow the metric with made-up names.
 */
@Configuration(proxyBeanMethods = false)
class RefusedRequests {

    static final String NOT_SERVED = "(not served)";
    private static final Pattern MODELWAY = Pattern.compile("/api/models/([^/]+)(/versions/[^/]+)?/predict");
    private static final Pattern V2 = Pattern.compile("/v2/models/([^/]+)(/versions/[^/]+)?/infer");

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> refusedPredictions(MeterRegistry meters, ServedModels models) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Counting(meters, models));
        registration.addUrlPatterns("/api/models/*", "/v2/models/*", "/invocations");
        // Before Spring Security's filters (-100): a 401 or 403 is a refused request too.
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    private static final class Counting extends OncePerRequestFilter {

        private final MeterRegistry meters;
        private final ServedModels models;

        Counting(MeterRegistry meters, ServedModels models) {
            this.meters = meters;
            this.models = models;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            String protocol;
            String model;
            Matcher m;
            if ((m = MODELWAY.matcher(path)).matches()) {
                protocol = "modelway";
                model = m.group(1);
            } else if ((m = V2.matcher(path)).matches()) {
                protocol = "v2";
                model = m.group(1);
            } else if (path.equals("/invocations")) {
                protocol = "mlflow";
                model = request.getParameter("model");
            } else {
                chain.doFilter(request, response);
                return;
            }
            boolean failed = true;
            try {
                chain.doFilter(request, response);
                failed = false;
            } finally {
                int status = failed ? 500 : response.getStatus();
                if (status >= 400) {
                    String served = model != null && models.route(model).isPresent() ? model : NOT_SERVED;
                    meters.counter("modelway_predict_errors", "model", served, "type", type(status),
                            "protocol", protocol).increment();
                }
            }
        }

        private static String type(int status) {
            return switch (status) {
                case 400, 422 -> "invalid_input";
                case 401 -> "unauthenticated";
                case 403 -> "forbidden";
                case 404 -> "not_found";
                case 405, 406, 415 -> "unsupported_request";
                case 409 -> "refused_version";
                case 413 -> "oversize";
                case 429 -> "throttled";
                case 503 -> "unavailable";
                default -> status >= 500 ? "internal" : "other_client_error";
            };
        }
    }
}
