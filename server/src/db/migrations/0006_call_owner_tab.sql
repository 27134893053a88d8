-- One tab owns a call (issue 10): the browser tab (its handshake's `tab` id) that started,
-- accepted or took over a participant's side of the session holds its devices and media. Other
-- tabs and devices of that person only watch; they take over only once that tab is gone.
ALTER TABLE call_participants ADD COLUMN owner_tab text;
