// Voice and video calls: WebRTC between the two browsers, set up over the server's call signalling. Media
// never passes through CareChat; the server rings, relays the signals and writes the call into the history.

export class Calls extends EventTarget {
  constructor(model, iceServers) {
    super();
    this.model = model;
    this.iceServers = iceServers || [];
    this.call = null; // {callId, conversationId, peerId, media, direction, phase, muted, pc, local, remote, error}
    this.early = [];  // signals that came before the peer connection existed
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }

  set(fields) {
    this.call = this.call ? {...this.call, ...fields} : null;
    this.changed();
  }

  async start(conversationId, media) {
    if (this.call) {
      return;
    }
    const conversation = this.model.conversations.get(conversationId);
    const peer = conversation ? this.model.other(conversation) : null;
    this.call = {callId: null, conversationId, peerId: peer && peer.id, media, direction: 'outgoing',
      phase: 'ringing', muted: false};
    this.changed();
    try {
      const reply = await this.model.connection.request('call_request', {conversationId, media});
      this.set({callId: reply.callId});
      await this.prepare();
    } catch (e) {
      this.finish(e.message || 'The call could not be started.');
    }
  }

  incoming(data) {
    if (this.call) {
      // busy: one call at a time in this tab
      this.model.connection.request('call_reject', {callId: data.callId, reason: 'busy'}).catch(() => {});
      return;
    }
    this.call = {callId: data.callId, conversationId: data.conversationId, peerId: data.from, media: data.media,
      direction: 'incoming', phase: 'ringing', muted: false};
    this.changed();
  }

  async accept() {
    const call = this.call;
    if (!call || call.direction !== 'incoming') {
      return;
    }
    this.set({phase: 'connecting'});
    try {
      await this.prepare();
      await this.model.connection.request('call_accept', {callId: call.callId});
      for (const signal of this.early.splice(0)) {
        await this.signal(signal);
      }
    } catch (e) {
      this.finish(e.message);
    }
  }

  reject() {
    const call = this.call;
    if (call) {
      this.model.connection.request('call_reject', {callId: call.callId}).catch(() => {});
      this.finish(null);
    }
  }

  hangUp() {
    const call = this.call;
    if (call && call.callId) {
      this.model.connection.request('call_end', {callId: call.callId}).catch(() => {});
    }
    this.finish(null);
  }

  toggleMute() {
    const call = this.call;
    if (call && call.local) {
      const muted = !call.muted;
      call.local.getAudioTracks().forEach(track => { track.enabled = !muted; });
      this.set({muted});
    }
  }

  /** The camera and microphone, and the peer connection they go out on. */
  async prepare() {
    const call = this.call;
    const local = await navigator.mediaDevices.getUserMedia({audio: true, video: call.media === 'video'});
    if (!this.call || this.call.callId !== call.callId) {
      local.getTracks().forEach(t => t.stop());
      return;
    }
    const pc = new RTCPeerConnection({iceServers: this.iceServers});
    const remote = new MediaStream();
    local.getTracks().forEach(track => pc.addTrack(track, local));
    pc.ontrack = e => {
      remote.addTrack(e.track);
      this.changed();
    };
    pc.onicecandidate = e => {
      if (e.candidate && this.call && this.call.callId) {
        this.send({type: 'candidate', candidate: e.candidate.toJSON()});
      }
    };
    pc.onconnectionstatechange = () => {
      if (!this.call || this.call.pc !== pc) {
        return;
      }
      if (pc.connectionState === 'connected') {
        this.set({phase: 'connected', since: this.call.since || Date.now()});
      } else if (pc.connectionState === 'failed') {
        this.set({error: 'The media connection failed (a TURN server may be needed on this network).'});
      }
      this.changed();
    };
    this.set({pc, local, remote});
  }

  send(signal) {
    const call = this.call;
    this.model.connection.request('call_signal', {callId: call.callId, signal}).catch(() => {});
  }

  /** The caller offers once the callee accepted. */
  async accepted(data) {
    const call = this.call;
    if (!call || call.callId !== data.callId) {
      return;
    }
    if (call.direction === 'incoming') {
      // accepted on another device of ours: stop ringing here
      this.finish(null);
      return;
    }
    this.set({phase: 'connecting'});
    const offer = await call.pc.createOffer();
    await call.pc.setLocalDescription(offer);
    this.send({type: 'offer', sdp: offer.sdp});
  }

  async signal(signal) {
    const call = this.call;
    if (!call) {
      return;
    }
    if (!call.pc) {
      this.early.push(signal);
      return;
    }
    const pc = call.pc;
    if (signal.type === 'offer') {
      await pc.setRemoteDescription({type: 'offer', sdp: signal.sdp});
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      this.send({type: 'answer', sdp: answer.sdp});
    } else if (signal.type === 'answer') {
      await pc.setRemoteDescription({type: 'answer', sdp: signal.sdp});
    } else if (signal.type === 'candidate' && signal.candidate) {
      try {
        await pc.addIceCandidate(signal.candidate);
      } catch (e) {
        // a candidate for a description we no longer have
      }
    }
  }

  handle(event, data) {
    const call = this.call;
    switch (event) {
      case 'incoming_call':
        this.incoming(data);
        break;
      case 'call_accepted':
        this.accepted(data).catch(e => this.finish(e.message));
        break;
      case 'call_signal':
        if (call && call.callId === data.callId) {
          this.signal(data.signal).catch(() => {});
        }
        break;
      case 'call_rejected':
        if (call && call.callId === data.callId) {
          this.finish(call.direction === 'outgoing' ? 'The call was declined.' : null);
        }
        break;
      case 'call_ended':
        if (call && call.callId === data.callId) {
          this.finish(data.reason === 'missed' ? 'No answer.' : null);
        }
        break;
      default:
        break;
    }
  }

  finish(message) {
    const call = this.call;
    if (call) {
      if (call.pc) {
        call.pc.close();
      }
      if (call.local) {
        call.local.getTracks().forEach(t => t.stop());
      }
    }
    this.early = [];
    this.call = null;
    this.ended = message;
    this.changed();
  }
}
