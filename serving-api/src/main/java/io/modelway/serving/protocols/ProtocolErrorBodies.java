package io.modelway.serving.protocols;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Errors stay RFC 9457 problems naming the field, and also carry the members each standard protocol's clients
 * read: {@code error} on Open Inference Protocol routes ({@code /v2/...}), {@code error_code} and
 * {@code message} on MLflow's ({@code /invocations}, as MLflow's scoring server answers).
 */
@RestControllerAdvice
class ProtocolErrorBodies implements ResponseBodyAdvice<Object> {

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
            ServerHttpResponse response) {
        if (!(body instanceof ProblemDetail problem)) {
            return body;
        }
        String path = request.getURI().getPath();
        String message = problem.getDetail() == null ? problem.getTitle() : problem.getDetail();
        if (path.startsWith("/v2/") || path.equals("/v2")) {
            problem.setProperty("error", message);
        } else if (path.equals("/invocations")) {
            problem.setProperty("error_code", mlflowCode(problem.getStatus()));
            problem.setProperty("message", message);
        }
        return problem;
    }

    private static String mlflowCode(int status) {
        if (status == HttpStatus.NOT_FOUND.value()) {
            return "RESOURCE_DOES_NOT_EXIST";
        }
        if (status >= 400 && status < 500) {
            return "BAD_REQUEST";
        }
        return status == HttpStatus.SERVICE_UNAVAILABLE.value() ? "TEMPORARILY_UNAVAILABLE" : "INTERNAL_ERROR";
    }
}
