// Voice and video calls: WebRTC between the two browsers, set up over the server's call signalling. Media
// never passes through CareChat: the server rings, relays the signals and writes the call into the history.
// Every way a call ends here tells the server (call_end, or call_reject while it rings), so that the other side
// never waits for a call nobody is on.

const REASONS = {
  missed: 'No answer.',
  care_ended: 'The call ended: the care relationship has ended.',
  disconnected: 'The call ended: the connection was lost.',
  max_duration: 'The call ended: it reached the longest a call may last.',
};

export class Calls extends EventTarget {
  constructor(model, iceServers) {
    super();
    this.model = model;
    this.iceServers = iceServers || [];
    // {callId, conversationId, peerId, media, direction, phase, muted, pc, local, remote, error}
    this.call = null;
    this.ended = null;
  }

  changed() {
    this.dispatchEvent(new Event('change'));
  }

  set(fields) {
    if (this.call) {
      Object.assign(this.call, fields);
    }
    this.changed();
  }

  /** The caller: camera and microphone first (so an accept finds everything ready), then the ring. */
  async start(conversationId, media) {
    if (this.call) {
      return;
    }
    const conversation = this.model.conversations.get(conversationId);
    const peer = conversation ? this.model.other(conversation) : null;
    const call = {callId: null, conversationId, peerId: peer && peer.id, media, direction: 'outgoing',
      phase: 'ringing', muted: false};
    this.call = call;
    this.ended = null;
    this.changed();
    try {
      await this.prepare(call);
      if (this.call !== call) {
        return; // hung up while the camera was starting
      }
      const reply = await this.model.connection.request('call_request', {conversationId, media});
      if (this.call !== call) {
        // hung up (or taken over by an incoming call) before the server answered: end what it started
        this.model.connection.request('call_end', {callId: reply.callId}).catch(() => {});
        return;
      }
      this.set({callId: reply.callId});
    } catch (e) {
      if (this.call === call) {
        this.end(e.message || 'The call could not be started.');
      }
    }
  }

  incoming(data) {
    const call = this.call;
    if (call && call.direction === 'outgoing' && !call.callId && call.conversationId === data.conversationId) {
      // both called at once: the other's call rang first (ours will be refused), so take theirs
      this.call = null;
      this.release(call);
    } else if (call) {
      this.model.connection.request('call_reject', {callId: data.callId, reason: 'busy'}).catch(() => {});
      return;
    }
    this.call = {callId: data.callId, conversationId: data.conversationId, peerId: data.from, media: data.media,
      direction: 'incoming', phase: 'ringing', muted: false};
    this.ended = null;
    this.changed();
  }

  async accept() {
    const call = this.call;
    if (!call || call.direction !== 'incoming' || call.phase !== 'ringing') {
      return;
    }
    this.set({phase: 'connecting'});
    try {
      await this.prepare(call);
      if (this.call !== call) {
        return;
      }
      await this.model.connection.request('call_accept', {callId: call.callId});
    } catch (e) {
      if (this.call === call) {
        this.end(e.message);
      }
    }
  }

  reject() {
    if (this.call) {
      this.end(null);
    }
  }

  hangUp() {
    if (this.call) {
      this.end(null);
    }
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
  async prepare(call) {
    const local = await navigator.mediaDevices.getUserMedia({audio: true, video: call.media === 'video'});
    if (this.call !== call) {
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
      if (e.candidate && this.call === call && call.callId) {
        this.send(call, {type: 'candidate', candidate: e.candidate.toJSON()});
      }
    };
    pc.onconnectionstatechange = () => {
      if (this.call !== call) {
        return;
      }
      if (pc.connectionState === 'connected') {
        this.set({phase: 'connected', since: call.since || Date.now(), error: null});
      } else if (pc.connectionState === 'failed') {
        this.end('The media connection failed (a TURN server may be needed on this network).');
      } else {
        this.changed();
      }
    };
    this.set({pc, local, remote});
  }

  send(call, signal) {
    this.model.connection.request('call_signal', {callId: call.callId, signal}).catch(() => {});
  }

  /** The caller offers once the callee accepted. */
  async accepted(data) {
    const call = this.call;
    if (!call || call.callId !== data.callId) {
      return;
    }
    if (call.direction === 'incoming') {
      // accepted on another device of ours: stop ringing here, without ending the call
      this.finish(null);
      return;
    }
    this.set({phase: 'connecting'});
    const offer = await call.pc.createOffer();
    await call.pc.setLocalDescription(offer);
    this.send(call, {type: 'offer', sdp: offer.sdp});
  }

  async signal(signal) {
    const call = this.call;
    const pc = call && call.pc;
    if (!pc) {
      return;
    }
    if (signal.type === 'offer') {
      await pc.setRemoteDescription({type: 'offer', sdp: signal.sdp});
      const answer = await pc.createAnswer();
      await pc.setLocalDescription(answer);
      this.send(call, {type: 'answer', sdp: answer.sdp});
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
        this.accepted(data).catch(e => this.end(e.message));
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
          this.finish(REASONS[data.reason] || null);
        }
        break;
      default:
        break;
    }
  }

  /** Ends the call from this side: the server is told (a reject while it rings here), then everything let go. */
  end(message) {
    const call = this.call;
    if (call && call.callId) {
      const ringingHere = call.direction === 'incoming' && call.phase === 'ringing';
      this.model.connection.request(ringingHere ? 'call_reject' : 'call_end', {callId: call.callId}).catch(() => {});
    }
    this.finish(message);
  }

  /** The call is over (the server said so, or end() told it): media and connection let go. */
  finish(message) {
    const call = this.call;
    this.call = null;
    if (call) {
      this.release(call);
    }
    this.ended = message;
    this.changed();
  }

  release(call) {
    if (call.pc) {
      call.pc.close();
    }
    if (call.local) {
      call.local.getTracks().forEach(t => t.stop());
    }
  }
}
