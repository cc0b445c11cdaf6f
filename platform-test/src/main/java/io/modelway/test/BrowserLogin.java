package io.modelway.test;

import io.modelway.core.json.ModelwayJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A person logging in through an issuer's authorization-code flow with PKCE, as a browser and a relying party
 * would together, over plain HTTP: the authorization request, the login form (with its CSRF token), the redirect
 * with the code, and the token request with the code verifier. Cookies are kept, so the issuer's session lives
 * on for logout.
 */
public final class BrowserLogin {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
    private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");

    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    private final String issuer;

    public BrowserLogin(String issuer) {
        this.issuer = issuer;
    }

    /** The token response (access, ID and refresh token) for {@code username} logging in to {@code clientId}. */
    public JsonNode login(String clientId, String clientSecret, String redirectUri, String username, String password) {
        String verifier = random();
        String state = random();
        String authorize = issuer + "/oauth2/authorize?" + form(Map.of("response_type", "code", "client_id", clientId,
                "redirect_uri", redirectUri, "scope", "openid profile", "state", state,
                "code_challenge", challenge(verifier), "code_challenge_method", "S256"));
        HttpResponse<String> toLogin = get(authorize);
        expectRedirect(toLogin, "/login");
        HttpResponse<String> page = get(issuer + "/login");
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF token in the login page: " + page.body());
        }
        HttpResponse<String> loggedIn = post(issuer + "/login", form(Map.of("username", username, "password", password,
                "_csrf", csrf.group(1))), null);
        String back = location(loggedIn);
        if (back.contains("error")) {
            throw new IllegalStateException("Login of " + username + " failed: " + back);
        }
        HttpResponse<String> withCode = get(back.startsWith("http") ? back : issuer + back);
        Matcher code = CODE.matcher(location(withCode));
        if (!code.find() || !location(withCode).startsWith(redirectUri)) {
            throw new IllegalStateException("No code in the redirect to " + location(withCode));
        }
        HttpResponse<String> tokens = post(issuer + "/oauth2/token", form(Map.of("grant_type", "authorization_code",
                "code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8), "redirect_uri", redirectUri, "code_verifier", verifier)),
                basic(clientId, clientSecret));
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException("Token request answered " + tokens.statusCode() + ": " + tokens.body());
        }
        return ModelwayJson.mapper().readTree(tokens.body());
    }

    /** A GET with the browser's cookies, redirects not followed. */
    public HttpResponse<String> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET());
    }

    /** A form POST with the browser's cookies and, when given, an Authorization header. */
    public HttpResponse<String> post(String url, String form, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request);
    }

    public static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    public static String form(Map<String, String> fields) {
        return fields.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    }

    public static String location(HttpResponse<?> response) {
        return response.headers().firstValue("Location").orElseThrow(() -> new IllegalStateException(
                "Expected a redirect, got " + response.statusCode() + ": " + response.body()));
    }

    private static void expectRedirect(HttpResponse<String> response, String to) {
        if (response.statusCode() / 100 != 3 || !location(response).contains(to)) {
            throw new IllegalStateException("Expected a redirect to " + to + ", got " + response.statusCode() + " "
                    + response.headers().firstValue("Location").orElse("") + " " + response.body());
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return browser.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
