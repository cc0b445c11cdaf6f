-- When each scheduled spec last fired: the next run is due at the cron's next time after it.
create table schedule_state (
    model      text primary key,
    last_fired timestamptz not null
);
