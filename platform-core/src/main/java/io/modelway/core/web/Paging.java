package io.modelway.core.web;

import java.util.List;
import org.springframework.http.ResponseEntity;

/**
 * {@code limit} and {@code offset} of a list endpoint, checked (400 naming the parameter when out of
 * range), and the page answered with its total in {@code X-Total-Count} so clients can page through.
 */
public record Paging(int limit, int offset) {

    public static final String TOTAL_HEADER = "X-Total-Count";

    public static Paging of(int limit, int offset, int maxLimit) {
        if (limit < 1 || limit > maxLimit) {
            throw ApiException.badRequest("limit", "must be between 1 and " + maxLimit);
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset", "must be 0 or more");
        }
        return new Paging(limit, offset);
    }

    /** This page of a list already filtered in memory, with the list's size as the total. */
    public <T> ResponseEntity<List<T>> page(List<T> all) {
        return answer(all.stream().skip(offset).limit(limit).toList(), all.size());
    }

    public <T> ResponseEntity<List<T>> answer(List<T> page, long total) {
        return ResponseEntity.ok().header(TOTAL_HEADER, Long.toString(total)).body(page);
    }
}
