package io.modelway.core.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Errors the servlet container would answer with its own HTML page are problem documents too. An encoded slash
 * ({@code %2F}) in a path is passed on to the security filters, which refuse it with a problem naming {@code path}
 * (the container would refuse it first with an HTML 400); anything else the container refuses before a request
 * reaches the service gets a problem document from {@link ProblemReport} instead of the container's page.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerErrors {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemDocumentsFromTheContainer() {
        return factory -> {
            factory.addConnectorCustomizers(connector -> {
                connector.setEncodedSolidusHandling("passthrough");
                connector.setEncodedReverseSolidusHandling("passthrough");
            });
            factory.addContextCustomizers(context -> {
                if (context.getParent() instanceof StandardHost host) {
                    host.setErrorReportValveClass(ProblemReport.class.getName());
                }
            });
        };
    }

    /** The container's error report as a problem document, with no server name, version or stack trace. */
    public static class ProblemReport extends ErrorReportValve {

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < HttpServletResponse.SC_BAD_REQUEST || response.getContentWritten() > 0
                    || !response.setErrorReported()) {
                return;
            }
            HttpStatus known = HttpStatus.resolve(status);
            String title = known == null ? "Error" : known.getReasonPhrase();
            // What the container refuses itself before any filter sees the request is its path: a NUL, a bad
            // %-escape, a path that does not normalise.
            boolean badPath = status == HttpServletResponse.SC_BAD_REQUEST;
            String detail = badPath ? "The request was refused before it reached the service: its path is not valid"
                    : title;
            try {
                response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write("{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                            + ",\"detail\":\"" + detail + "\"" + (badPath ? ",\"field\":\"path\"" : "") + "}");
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client is gone or the response was committed meanwhile: nothing more can be said.
            }
        }
    }
}
