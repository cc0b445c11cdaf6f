package io.modelway.core.drift;

/** The regularized incomplete gamma function, for chi-square tail probabilities. */
final class Gamma {

    private static final double EPSILON = 1e-14;
    private static final int MAX_ITERATIONS = 1000;
    private static final double[] LANCZOS = {76.18009172947146, -86.50532032941677, 24.01409824083091,
        -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5};

    private Gamma() {
    }

    /** Q(a, x) = Γ(a, x) / Γ(a): for a chi-square with k degrees of freedom, the tail beyond s is Q(k/2, s/2). */
    static double upperRegularized(double a, double x) {
        if (x <= 0) {
            return 1.0;
        }
        return x < a + 1 ? 1 - lowerSeries(a, x) : upperContinuedFraction(a, x);
    }

    private static double lowerSeries(double a, double x) {
        double term = 1 / a;
        double sum = term;
        for (int n = 1; n < MAX_ITERATIONS; n++) {
            term *= x / (a + n);
            sum += term;
            if (Math.abs(term) < Math.abs(sum) * EPSILON) {
                break;
            }
        }
        return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
    }

    // Lentz's method for the continued fraction of Γ(a, x).
    private static double upperContinuedFraction(double a, double x) {
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < MAX_ITERATIONS; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
    }

    /** ln Γ(x) for x > 0, by the Lanczos approximation. */
    static double logGamma(double x) {
        double y = x;
        double tmp = x + 5.5;
        tmp -= (x + 0.5) * Math.log(tmp);
        double series = 1.000000000190015;
        for (double coefficient : LANCZOS) {
            series += coefficient / ++y;
        }
        return -tmp + Math.log(2.5066282746310005 * series / x);
    }
}
