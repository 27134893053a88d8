-- One tab owns a call (issue 10): the browser tab (its handshake's `tab` id) that started,
-- accepted or took over a participant's side of the session holds its devices and media. Other
-- tabs and devices of that person only watch; they take over only once that tab is gone.
ALTER TABLE call_participants ADD COLUMN owner_tab text;

-- Each side's microphone and camera as it last said (`call:media`), kept with the session so a
-- resumed or reloaded peer shows them at once (null: never said, i.e. on).
ALTER TABLE call_participants ADD COLUMN sending_audio boolean;
ALTER TABLE call_participants ADD COLUMN sending_video boolean;
