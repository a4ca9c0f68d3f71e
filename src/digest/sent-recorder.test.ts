import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { attachmentSection, buildRawMail, isPlainAddress } from './mime';
import { SentRecorder } from './sent-recorder';

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SentRecorder', () => {
  it('records sent rows in batches and never lets more than its limit go unrecorded', async () => {
    const writes: string[][] = [];
    let release: (() => void) | undefined;
    const recorder = new SentRecorder(4, 10_000, async (entries) => {
      writes.push(entries.map((e) => e.id));
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    let acquired = 0;
    const senders = Array.from({ length: 6 }, async (_, i) => {
      await recorder.acquire();
      acquired += 1;
      recorder.sent({ id: `d${i}`, subscriberId: `s${i}` });
    });
    await tick();
    // Half the limit waiting starts a write; the other slots stay held until it commits.
    expect(writes).toEqual([['d0', 'd1']]);
    expect(acquired).toBe(4);
    release?.();
    await tick();
    await tick();
    expect(acquired).toBe(6);
    release?.();
    await tick();
    release?.();
    await Promise.all(senders);
    const flushed = recorder.flush();
    await tick();
    release?.();
    await flushed;
    expect(writes.flat().sort()).toEqual(['d0', 'd1', 'd2', 'd3', 'd4', 'd5']);
    expect(writes.every((batch) => batch.length <= 2)).toBe(true);
    expect(recorder.recorded).toBe(6);
  });

  it('writes what waits after its interval, and gives a slot back for a failed send', async () => {
    const writes: string[][] = [];
    const recorder = new SentRecorder(50, 20, async (entries) => {
      writes.push(entries.map((e) => e.id));
    });
    await recorder.acquire();
    recorder.sent({ id: 'a', subscriberId: 'x' });
    await recorder.acquire();
    recorder.release();
    expect(writes).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(writes).toEqual([['a']]);
  });

  it('throws a failed write at the next acquire and at the final flush', async () => {
    const recorder = new SentRecorder(2, 10_000, async () => {
      throw new Error('database gone');
    });
    await recorder.acquire();
    recorder.sent({ id: 'a', subscriberId: 'x' });
    await tick();
    await expect(recorder.acquire()).rejects.toThrow('database gone');
    await expect(recorder.flush()).rejects.toThrow('database gone');
  });
});

describe('raw digest mail', () => {
  it('is a well-formed message with encoded headers, both parts and the shared attachments', async () => {
    const attachments = attachmentSection([
      [
        'Content-Type: application/pdf; name="a.pdf"',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="a.pdf"',
        '',
        Buffer.from('%PDF-1.4 test').toString('base64'),
      ].join('\r\n'),
    ]);
    const text = `こんにちは\n.先頭のドット\n${'長い行'.repeat(60)}\n`;
    const stream = buildRawMail({
      from: 'はたらく場情報 <noreply@hataraku.example>',
      to: 'agency@agency.example',
      subject: 'はたらく場情報 2027年1月号',
      messageId: '<abc.digest@hataraku.example>',
      headers: {
        'List-Unsubscribe': '<https://hataraku.example/digest/unsubscribe/x.y>',
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
        'List-Id': 'はたらく場情報 <digest.hataraku.example>',
      },
      text,
      html: '<p>こんにちは</p>',
      attachments,
    });
    const mail = await simpleParser(stream);
    expect(mail.subject).toBe('はたらく場情報 2027年1月号');
    expect(mail.from?.value[0]).toMatchObject({
      name: 'はたらく場情報',
      address: 'noreply@hataraku.example',
    });
    expect(mail.messageId).toBe('<abc.digest@hataraku.example>');
    const lines = mail.headerLines.map((h) => h.line);
    expect(lines).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(lines).toContain('List-Unsubscribe: <https://hataraku.example/digest/unsubscribe/x.y>');
    expect(mail.text).toBe(text);
    expect(mail.html).toContain('<p>こんにちは</p>');
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([
      ['a.pdf', '%PDF-1.4 test'],
    ]);
  });

  it('takes only plain ASCII addresses (others go through nodemailer composing)', () => {
    expect(isPlainAddress('agency@agency.example')).toBe(true);
    expect(isPlainAddress('相談@agency.example')).toBe(false);
    expect(isPlainAddress('a b@agency.example')).toBe(false);
    expect(isPlainAddress('"x"@agency.example')).toBe(false);
  });
});
