/**
 * Local media for the engine tests. The shared web-test-runner config grants the page no camera or
 * microphone permission (getUserMedia answers NotAllowedError), so a test's "capture" is a real
 * MediaStream from sources the page owns: an oscillator for the microphone and an animated canvas
 * for the camera. They behave as capture tracks do for an engine: `stop()` ends them for good,
 * and the video source paints a changing frame 30 times a second.
 */
import { sendMouse } from '@web/test-runner-commands';

/** One context for every tone; Chromium starts it suspended (silent) until the page is clicked. */
const audio = new AudioContext();

/** Call once before capturing: a real click (user activation) lets the audio context run. */
export async function allowAudio(): Promise<void> {
  await sendMouse({ type: 'click', position: [1, 1] });
  await audio.resume();
}

export function capture(media: 'audio' | 'video'): MediaStream {
  const tracks = [tone()];
  if (media === 'video') tracks.push(animation());
  return new MediaStream(tracks);
}

function tone(): MediaStreamTrack {
  const oscillator = audio.createOscillator();
  const output = audio.createMediaStreamDestination();
  oscillator.connect(output);
  oscillator.start();
  const [track] = output.stream.getAudioTracks();
  whenStopped(track!, () => oscillator.stop());
  return track!;
}

function animation(): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  canvas.width = 320;
  canvas.height = 240;
  const paint = canvas.getContext('2d')!;
  const [track] = canvas.captureStream(30).getVideoTracks();
  let frame = 0;
  const timer = setInterval(() => {
    frame += 1;
    paint.fillStyle = `hsl(${(frame * 7) % 360} 80% 50%)`;
    paint.fillRect(0, 0, canvas.width, canvas.height);
    paint.fillStyle = '#fff';
    paint.fillText(String(frame), 20, 40);
  }, 33);
  whenStopped(track!, () => clearInterval(timer));
  return track!;
}

/** `stop()` fires no event, so the source is released by polling the track's state. */
function whenStopped(track: MediaStreamTrack, release: () => void): void {
  const poll = setInterval(() => {
    if (track.readyState !== 'ended') return;
    clearInterval(poll);
    release();
  }, 200);
}

/**
 * Counts the video frames a `<video>` actually presents from `stream` (requestVideoFrameCallback
 * fires once per decoded frame painted): what the person on the other side would see.
 */
export function watchFrames(stream: MediaStream): { count(): number; dispose(): void } {
  const video = document.createElement('video');
  video.muted = true;
  video.playsInline = true;
  video.srcObject = stream;
  document.body.append(video);
  let frames = 0;
  let live = true;
  const onFrame = () => {
    frames += 1;
    if (live) video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  void video.play();
  return {
    count: () => frames,
    dispose: () => {
      live = false;
      video.srcObject = null;
      video.remove();
    },
  };
}

/**
 * The loudest sample the peer's audio carried in the last analyser window (0 = silence). The
 * local tone is a full-scale sine, so a live remote track reads well above zero. (A receiver
 * track's `muted` flag is no evidence here: Chromium leaves it set while packets flow.)
 */
export function listen(track: MediaStreamTrack): { level(): number; dispose(): void } {
  const stream = new MediaStream([track]);
  // Chromium pulls remote WebRTC audio only for a media element sink: keep a silent one.
  const element = new Audio();
  element.muted = true;
  element.srcObject = stream;
  void element.play();
  const source = audio.createMediaStreamSource(stream);
  const analyser = audio.createAnalyser();
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  return {
    level: () => {
      analyser.getFloatTimeDomainData(samples);
      return samples.reduce((max, s) => Math.max(max, Math.abs(s)), 0);
    },
    dispose: () => {
      source.disconnect();
      element.srcObject = null;
    },
  };
}
