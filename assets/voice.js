// Voice notes in the interview page: playback through an authenticated fetch, and recording.
//
// The API serves a voice note only with the Bearer token, which an <audio src> cannot send;
// hrVoiceLoad fetches the file with the token and plays it from a blob: URL instead.
// hrRecorder records the microphone with MediaRecorder (level meter and timer shown in the page),
// converts the recording to 16 kHz mono WAV (a type the API accepts) and uploads it.
(function () {
  "use strict";
  const TOKEN_KEY = "hr_app_token";
  const WAV_RATE = 16000;

  function token() {
    return window.localStorage.getItem(TOKEN_KEY) || "";
  }

  const blobUrls = {}; // per player: the interview page plays one note per visible scorecard

  window.hrVoiceLoad = async function (url, playerId, attempt) {
    const player = document.getElementById(playerId);
    if (!player) {
      if ((attempt || 0) < 50) setTimeout(() => window.hrVoiceLoad(url, playerId, (attempt || 0) + 1), 100);
      return "";
    }
    try {
      const response = await fetch(url, { headers: { Authorization: "Bearer " + token() } });
      if (!response.ok) return "Could not load the voice note (" + response.status + ").";
      const blob = await response.blob();
      if (blobUrls[playerId]) URL.revokeObjectURL(blobUrls[playerId]);
      blobUrls[playerId] = URL.createObjectURL(blob);
      player.src = blobUrls[playerId];
      player.dataset.loaded = "true";
      return "";
    } catch (error) {
      return "Could not load the voice note: " + error;
    }
  };

  function writeString(view, offset, text) {
    for (let i = 0; i < text.length; i++) view.setUint8(offset + i, text.charCodeAt(i));
  }

  function wavFrom(samples, rate) {
    const buffer = new ArrayBuffer(44 + samples.length * 2);
    const view = new DataView(buffer);
    writeString(view, 0, "RIFF");
    view.setUint32(4, 36 + samples.length * 2, true);
    writeString(view, 8, "WAVE");
    writeString(view, 12, "fmt ");
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true); // PCM
    view.setUint16(22, 1, true); // mono
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    writeString(view, 36, "data");
    view.setUint32(40, samples.length * 2, true);
    for (let i = 0; i < samples.length; i++) {
      const s = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(44 + i * 2, s < 0 ? s * 0x8000 : s * 0x7fff, true);
    }
    return new Blob([view], { type: "audio/wav" });
  }

  async function toWav(blob) {
    const context = new AudioContext();
    try {
      const decoded = await context.decodeAudioData(await blob.arrayBuffer());
      const length = Math.max(1, Math.ceil(decoded.duration * WAV_RATE));
      const offline = new OfflineAudioContext(1, length, WAV_RATE);
      const source = offline.createBufferSource();
      source.buffer = decoded;
      source.connect(offline.destination);
      source.start();
      const rendered = await offline.startRendering();
      return wavFrom(rendered.getChannelData(0), WAV_RATE);
    } finally {
      context.close();
    }
  }

  const recorder = {
    media: null,
    chunks: [],
    stream: null,
    audio: null,
    started: 0,
    timer: null,
    frame: null,

    show(seconds, level) {
      const timer = document.getElementById("record-timer");
      const meter = document.getElementById("record-level");
      if (timer) {
        const s = Math.floor(seconds);
        timer.textContent = Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
      }
      if (meter) meter.style.width = Math.round(Math.min(1, level) * 100) + "%";
    },

    async start() {
      if (!navigator.mediaDevices || !window.MediaRecorder) return "This browser cannot record audio.";
      try {
        this.stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      } catch (error) {
        return "The microphone is not available: " + (error.message || error.name);
      }
      this.chunks = [];
      this.media = new MediaRecorder(this.stream);
      this.media.ondataavailable = (event) => event.data.size && this.chunks.push(event.data);
      this.media.start(250);
      this.audio = new AudioContext();
      const analyser = this.audio.createAnalyser();
      analyser.fftSize = 512;
      this.audio.createMediaStreamSource(this.stream).connect(analyser);
      const data = new Uint8Array(analyser.fftSize);
      this.started = performance.now();
      const draw = () => {
        analyser.getByteTimeDomainData(data);
        let sum = 0;
        for (const value of data) sum += ((value - 128) / 128) ** 2;
        this.show((performance.now() - this.started) / 1000, Math.sqrt(sum / data.length) * 3);
        this.frame = requestAnimationFrame(draw);
      };
      draw();
      return "";
    },

    async stopAndUpload(url) {
      if (!this.media) return "Nothing is being recorded.";
      const stopped = new Promise((resolve) => (this.media.onstop = resolve));
      this.media.stop();
      await stopped;
      cancelAnimationFrame(this.frame);
      this.stream.getTracks().forEach((track) => track.stop());
      this.audio.close();
      this.media = null;
      this.show((performance.now() - this.started) / 1000, 0);
      try {
        const wav = await toWav(new Blob(this.chunks, { type: this.chunks[0]?.type || "audio/webm" }));
        const body = new FormData();
        body.append("voice_note", wav, "recording.wav");
        const response = await fetch(url, {
          method: "PATCH",
          headers: { Authorization: "Bearer " + token() },
          body,
        });
        if (!response.ok) {
          const payload = await response.json().catch(() => ({}));
          const details = payload.details && payload.details.voice_note;
          return (details && details.join(" ")) || payload.message || "The recording was not saved.";
        }
        return "";
      } catch (error) {
        return "The recording could not be converted or sent: " + error;
      }
    },
  };

  window.hrRecorder = recorder;

  // Alt+Shift+R presses the Record or the Stop button, wherever the focus is (the buttons say so in
  // aria-keyshortcuts), so an interviewer taking notes by keyboard never has to reach for them.
  if (window.hrRecordShortcut) return;  // the script runs again when the page is opened again
  window.hrRecordShortcut = true;
  document.addEventListener("keydown", (event) => {
    if (!(event.altKey && event.shiftKey && event.code === "KeyR")) return;
    const button = document.getElementById("record-stop") || document.getElementById("record-start");
    if (button && !button.disabled) {
      event.preventDefault();
      button.click();
    }
  });
})();
