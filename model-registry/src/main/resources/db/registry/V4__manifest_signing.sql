-- The Ed25519 keys version manifests are signed with: the newest one not retired signs, every one not retired
-- is published to verify. The private half never leaves this table.
create table manifest_signing_keys (
    key_id      text        primary key,
    private_key text        not null,
    public_key  text        not null,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    retired_at  timestamptz,
    retired_by  text
);
