package io.modelway.core.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.AntPathMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Every request body has a size limit: {@code modelway.web.max-body-size} ({@code MODELWAY_WEB_MAX_BODY_SIZE}, 1MB),
 * or the limit of a {@link Route} a service declares for its uploads. A body announced larger is refused before it
 * is read; one that grows larger while it is read (chunked, or a false length) stops at the limit. Either way the
 * answer is a 413 problem naming the limit. Multipart uploads are bounded by the servlet's multipart limits.
 */
@Configuration(proxyBeanMethods = false)
public class BodyLimits {

    /** A route with a limit of its own: {@code pattern} as Spring's path patterns ({@code /api/datasets/*}). */
    public record Route(String pattern, DataSize limit, String setting) {
    }

    private static final String DEFAULT_SETTING = "MODELWAY_WEB_MAX_BODY_SIZE";
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> bodyLimit(@Value("${modelway.web.max-body-size:1MB}") DataSize limit,
            ObjectProvider<Route> routes) {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(
                new Limiting(new Route("/**", limit, DEFAULT_SETTING), routes.orderedStream().toList()));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }

    private static final class Limiting extends OncePerRequestFilter {

        private final Route fallback;
        private final List<Route> routes;

        Limiting(Route fallback, List<Route> routes) {
            this.fallback = fallback;
            this.routes = routes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            String path = request.getRequestURI();
            Route route = routes.stream().filter(r -> PATHS.match(r.pattern(), path)).findFirst().orElse(fallback);
            String type = request.getContentType();
            if (type != null && type.toLowerCase().startsWith("multipart/")) {
                chain.doFilter(request, response);
                return;
            }
            long declared = request.getContentLengthLong();
            if (declared > route.limit().toBytes()) {
                refuse(request, response, new BodyTooLargeException("The body (" + declared + " bytes)", route.limit(),
                        route.setting()));
                return;
            }
            chain.doFilter(new Bounded(request, route), response);
        }

        private static void refuse(HttpServletRequest request, HttpServletResponse response, BodyTooLargeException e)
                throws IOException {
            response.setHeader("Connection", "close");
            ProblemHandling.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Content Too Large", e.getMessage(),
                    Map.of("field", "body"));
        }
    }

    /** The request with a body that stops at the route's limit. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final Route route;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, Route route) {
            super(request);
            this.route = route;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new Counted(super.getInputStream(), route);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    private static final class Counted extends ServletInputStream {

        private final ServletInputStream in;
        private final Route route;
        private long read;

        Counted(ServletInputStream in, Route route) {
            this.in = in;
            this.route = route;
        }

        private int count(int n) throws BodyTooLargeException {
            if (n > 0) {
                read += n;
                if (read > route.limit().toBytes()) {
                    throw new BodyTooLargeException("The body", route.limit(), route.setting());
                }
            }
            return n;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return count(in.read(buffer, offset, length));
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
