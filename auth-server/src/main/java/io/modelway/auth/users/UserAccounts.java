package io.modelway.auth.users;

import io.modelway.core.security.Role;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who log in: Spring Security's JDBC user store (passwords hashed with bcrypt), each user's roles held
 * as {@code ROLE_<role>} authorities. Tokens read a user's roles from here when they are issued, so a role taken
 * away ends with the user's current access token.
 */
@Service
public class UserAccounts {

    /** A user as the API shows it: never the password. */
    public record Account(String username, List<String> roles, boolean enabled, Instant createdAt, String createdBy) {
    }

    private final JdbcUserDetailsManager users;
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    UserAccounts(DataSource dataSource, JdbcClient jdbc, PasswordEncoder passwords) {
        this.users = new JdbcUserDetailsManager(dataSource);
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    /** What the login form authenticates against. */
    public JdbcUserDetailsManager store() {
        return users;
    }

    public boolean exists(String username) {
        return users.userExists(username);
    }

    @Transactional
    public Account create(String username, String password, List<Role> roles, String actor) {
        users.createUser(details(username, password, roles, true));
        jdbc.sql("update users set created_by = :who where username = :u").param("who", actor).param("u", username)
                .update();
        return find(username).orElseThrow();
    }

    /** Changes what is given: roles, password, enabled. */
    @Transactional
    public Account update(String username, List<Role> roles, String password, Boolean enabled) {
        UserDetails current = users.loadUserByUsername(username);
        List<Role> newRoles = roles != null ? roles : roles(username);
        users.updateUser(User.withUserDetails(current)
                .password(password != null ? passwords.encode(password) : current.getPassword())
                .authorities(authorities(newRoles))
                .disabled(enabled != null ? !enabled : !current.isEnabled())
                .build());
        return find(username).orElseThrow();
    }

    @Transactional
    public boolean delete(String username) {
        if (!users.userExists(username)) {
            return false;
        }
        users.deleteUser(username);
        return true;
    }

    public Optional<Account> find(String username) {
        return list().stream().filter(a -> a.username().equals(username)).findFirst();
    }

    public List<Account> list() {
        Map<String, List<String>> roles = new LinkedHashMap<>();
        jdbc.sql("select username, authority from authorities order by username, authority")
                .query((rs, n) -> Map.entry(rs.getString("username"), rs.getString("authority"))).list()
                .forEach(e -> roles.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue().replaceFirst("^ROLE_", "")));
        return jdbc.sql("select username, enabled, created_at, created_by from users order by username")
                .query((rs, n) -> new Account(rs.getString("username"),
                        roles.getOrDefault(rs.getString("username"), List.of()), rs.getBoolean("enabled"),
                        rs.getTimestamp("created_at").toInstant(), rs.getString("created_by")))
                .list();
    }

    /** The user's roles now; none for a user that does not exist or is disabled. */
    public List<Role> roles(String username) {
        return jdbc.sql("select a.authority from authorities a join users u on u.username = a.username "
                        + "where a.username = :u and u.enabled")
                .param("u", username).query(String.class).list().stream()
                .flatMap(a -> Role.fromWire(a.replaceFirst("^ROLE_", "")).stream()).toList();
    }

    /** Sets a user's password and roles, creating the user if needed (seeding). */
    @Transactional
    public void upsert(String username, String password, List<Role> roles, String actor) {
        if (users.userExists(username)) {
            users.updateUser(details(username, password, roles, true));
        } else {
            create(username, password, roles, actor);
        }
    }

    private UserDetails details(String username, String password, List<Role> roles, boolean enabled) {
        return User.withUsername(username).password(passwords.encode(password)).authorities(authorities(roles))
                .disabled(!enabled).build();
    }

    private static List<GrantedAuthority> authorities(List<Role> roles) {
        return roles.stream().distinct().map(r -> (GrantedAuthority) new SimpleGrantedAuthority(r.authority())).toList();
    }
}
