package io.modelway.auth.users;

import io.modelway.core.security.Role;
import io.modelway.core.web.ApiException;
import io.modelway.core.web.Paging;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The people who may log in, for admins: create, list, change roles, password or whether they may log in, delete. */
@RestController
@RequestMapping("/api/users")
class UserController {

    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,99}");
    static final int MIN_PASSWORD = 12;

    record CreateUser(@Schema(requiredMode = Schema.RequiredMode.REQUIRED) String username,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, minLength = MIN_PASSWORD) String password,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, example = "[\"engineer\"]") List<String> roles) {
    }

    /** Body of {@code PUT /api/users/{username}}: what changes; absent fields stay as they are. */
    record UpdateUser(List<String> roles, @Schema(minLength = MIN_PASSWORD) String password, Boolean enabled) {
    }

    private final UserAccounts users;

    UserController(UserAccounts users) {
        this.users = users;
    }

    @GetMapping
    ResponseEntity<List<UserAccounts.Account>> list(@RequestParam(defaultValue = "100") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        return Paging.of(limit, offset, 1000).page(users.list());
    }

    @GetMapping("/{username}")
    UserAccounts.Account get(@PathVariable String username) {
        return users.find(username).orElseThrow(() -> ApiException.notFound("No user '" + username + "'"));
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created")
    ResponseEntity<UserAccounts.Account> create(@RequestBody CreateUser request, Principal actor) {
        if (request.username() == null || !NAME.matcher(request.username()).matches()) {
            throw ApiException.badRequest("username", "is required: 1-100 letters, digits, '.', '_', '@' or '-'");
        }
        checkPassword(request.password(), true);
        List<Role> roles = roles(request.roles(), true);
        if (users.exists(request.username())) {
            throw ApiException.conflict("User '" + request.username() + "' exists");
        }
        UserAccounts.Account created = users.create(request.username(), request.password(), roles, actor.getName());
        return ResponseEntity.created(URI.create("/api/users/" + created.username())).body(created);
    }

    @PutMapping("/{username}")
    UserAccounts.Account update(@PathVariable String username, @RequestBody UpdateUser request) {
        if (!users.exists(username)) {
            throw ApiException.notFound("No user '" + username + "'");
        }
        checkPassword(request.password(), false);
        return users.update(username, roles(request.roles(), false), request.password(), request.enabled());
    }

    @DeleteMapping("/{username}")
    @ApiResponse(responseCode = "204", description = "Deleted")
    ResponseEntity<Void> delete(@PathVariable String username, Principal actor) {
        if (username.equals(actor.getName())) {
            throw ApiException.badRequest("username", "an admin cannot delete their own user");
        }
        if (!users.delete(username)) {
            throw ApiException.notFound("No user '" + username + "'");
        }
        return ResponseEntity.noContent().build();
    }

    private static void checkPassword(String password, boolean required) {
        if (password == null) {
            if (required) {
                throw ApiException.badRequest("password", "is required");
            }
            return;
        }
        if (password.length() < MIN_PASSWORD || password.length() > 200) {
            throw ApiException.badRequest("password", "must be " + MIN_PASSWORD + " to 200 characters");
        }
    }

    private static List<Role> roles(List<String> names, boolean required) {
        if (names == null) {
            if (required) {
                throw ApiException.badRequest("roles", "is required: one or more of viewer, client, engineer, ops, admin");
            }
            return null;
        }
        if (names.isEmpty()) {
            throw ApiException.badRequest("roles", "a user needs at least one role");
        }
        List<Role> roles = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            int index = i;
            roles.add(Role.fromWire(names.get(i)).orElseThrow(() -> ApiException.badRequest("roles[" + index + "]",
                    "'" + names.get(index) + "' is not one of viewer, client, engineer, ops, admin")));
        }
        return roles;
    }
}
