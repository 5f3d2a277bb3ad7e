import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { DashboardApp } from '@/components/dashboard/DashboardApp';
import { fakeServices } from './fakeServices';

function type(testid: string, value: string) {
  fireEvent.input(screen.getByTestId(testid), { target: { value } });
}

async function unlockWith(pin: string) {
  type('pin-input', pin);
  fireEvent.submit(screen.getByTestId('unlock-form'));
}

beforeEach(() => {
  history.replaceState(null, '', '#/summary');
});
afterEach(cleanup);

describe('first run', () => {
  it('opens set-up when there is no PIN, and refuses two different PINs', async () => {
    const { services } = fakeServices({ hasPin: false });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('setup-form');
    await waitFor(() => expect(location.hash).toBe('#/setup'));
    expect(screen.getByText(/Your child can see what you see/)).toBeTruthy();

    type('pin-input', '2468');
    type('pin-confirm', '2469');
    fireEvent.submit(screen.getByTestId('setup-form'));
    expect((await screen.findByTestId('setup-error')).textContent).toContain('not the same');
    expect(services.completeSetup).not.toHaveBeenCalled();
    // Nothing typed is lost after the error.
    expect((screen.getByTestId('pin-input') as HTMLInputElement).value).toBe('2468');
  });

  it('saves the choices with the PIN and opens the summary', async () => {
    const { services } = fakeServices({ hasPin: false });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('setup-form');
    fireEvent.click(screen.getByLabelText(/Under 13/));
    type('trusted-name', 'Aunt Dara');
    type('pin-input', '2468');
    type('pin-confirm', '2468');
    fireEvent.submit(screen.getByTestId('setup-form'));
    await screen.findByTestId('summary');
    const [saved, pin] = services.completeSetup.mock.calls[0]!;
    expect(pin).toBe('2468');
    expect(saved).toMatchObject({ ageBand: 'under13', setupDone: true, trustedAdult: { name: 'Aunt Dara' }, weeklyNotification: true });
  });

  it('switches the page to Khmer as soon as Khmer is picked', async () => {
    const { services } = fakeServices({ hasPin: false });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('setup-form');
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'km' } });
    await screen.findByText('សូមស្វាគមន៍មកកាន់ Chaperone');
    expect(document.documentElement.lang).toBe('km');
  });
});

describe('PIN gate', () => {
  it('asks for the PIN, then shows the page asked for', async () => {
    history.replaceState(null, '', '#/settings');
    const { services } = fakeServices({ settings: { setupDone: true } });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('unlock-form');
    await unlockWith('2468');
    await screen.findByTestId('settings-form');
    await waitFor(() => expect(location.hash).toBe('#/settings'));
  });

  it('three wrong PINs then the right one', async () => {
    const { services } = fakeServices({ settings: { setupDone: true } });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('unlock-form');
    for (const left of [4, 3, 2]) {
      await unlockWith('1111');
      await waitFor(() => expect(screen.getByTestId('unlock-error').textContent).toContain(`Tries left before a short pause: ${left}.`));
    }
    await unlockWith('2468');
    await screen.findByTestId('summary');
    expect(screen.getByTestId('count-total').textContent).toBe('7');
  });

  it('shows the pause after five wrong PINs and disables the field', async () => {
    const { services } = fakeServices({ settings: { setupDone: true } });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('unlock-form');
    for (let i = 0; i < 5; i++) {
      await unlockWith('1111');
      await waitFor(() => expect(services.unlock).toHaveBeenCalledTimes(i + 1));
    }
    const lockout = await screen.findByTestId('lockout');
    expect(lockout.textContent).toMatch(/try again in 30 seconds/);
    expect((screen.getByTestId('pin-input') as HTMLInputElement).disabled).toBe(true);
  });

  it('locks with the lock button', async () => {
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('summary');
    fireEvent.click(screen.getByTestId('lock-button'));
    await screen.findByTestId('unlock-form');
    expect(services.lock).toHaveBeenCalled();
  });

  it('locks itself when the idle time has passed', async () => {
    const { services, state } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    render(<DashboardApp services={services} idleCheckMs={20} />);
    await screen.findByTestId('summary');
    state.unlocked = false;
    await screen.findByTestId('unlock-form');
    expect(screen.getByText(/locked itself after 10 minutes/)).toBeTruthy();
  });
});

describe('summary', () => {
  it('asks the background for details only in the detailed mode', async () => {
    const { services } = fakeServices({ settings: { setupDone: true, ageBand: 'under13', privacyMode: 'detailed' }, unlocked: true });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('summary');
    expect(services.summary).toHaveBeenCalledWith(true);
    expect(screen.getAllByTestId('excerpt').length).toBeGreaterThan(0);
  });

  it('asks for categories only otherwise', async () => {
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('summary');
    expect(services.summary).toHaveBeenCalledWith(false);
    expect(screen.queryAllByTestId('excerpt')).toHaveLength(0);
  });

  it('explains a background error and offers to try again', async () => {
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    services.summary.mockResolvedValueOnce({ ok: false, code: 'background', message: 'worker asleep' } as never);
    render(<DashboardApp services={services} />);
    expect((await screen.findByTestId('summary-error')).textContent).toContain('worker asleep');
    fireEvent.click(screen.getByText('Try again'));
    await screen.findByTestId('summary');
  });
});

describe('settings', () => {
  it('saves changed settings', async () => {
    history.replaceState(null, '', '#/settings');
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('settings-form');
    fireEvent.change(screen.getByLabelText('Country'), { target: { value: 'KH' } });
    fireEvent.click(screen.getByLabelText('Asked your age'));
    fireEvent.submit(screen.getByTestId('settings-form'));
    await screen.findByText('Saved.');
    expect(services.saveSettings.mock.calls[0]![0]).toMatchObject({ region: 'KH', quietCategories: ['age_probe'] });
  });

  it('shows settings locked by policy as disabled, with a note', async () => {
    history.replaceState(null, '', '#/settings');
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true, locked: ['region', 'retentionDays'] });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('settings-form');
    expect((screen.getByLabelText('Country') as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByTestId('retention-input') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Language') as HTMLSelectElement).disabled).toBe(false);
    expect(screen.getAllByText('Set by your school or organisation')).toHaveLength(2);
  });

  it('offers the detailed mode only for under-13s', async () => {
    history.replaceState(null, '', '#/settings');
    const { services } = fakeServices({ settings: { setupDone: true, ageBand: '13-17' }, unlocked: true });
    render(<DashboardApp services={services} />);
    await screen.findByTestId('settings-form');
    expect((screen.getByTestId('privacy-detailed') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(screen.getByLabelText(/Under 13/));
    expect((screen.getByTestId('privacy-detailed') as HTMLInputElement).disabled).toBe(false);
  });

  it('keeps the form when the session ended before saving', async () => {
    history.replaceState(null, '', '#/settings');
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    services.saveSettings.mockResolvedValueOnce({ ok: false, code: 'locked' } as never);
    render(<DashboardApp services={services} />);
    await screen.findByTestId('settings-form');
    fireEvent.change(screen.getByLabelText('Country'), { target: { value: 'TH' } });
    fireEvent.submit(screen.getByTestId('settings-form'));
    await screen.findByTestId('unlock-form');
    await unlockWith('2468');
    await screen.findByTestId('settings-form');
    expect((screen.getByLabelText('Country') as HTMLSelectElement).value).toBe('TH');
  });
});

describe('data', () => {
  beforeEach(() => history.replaceState(null, '', '#/data'));

  it('exports JSON and CSV', async () => {
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    render(<DashboardApp services={services} />);
    fireEvent.click(await screen.findByTestId('export-json'));
    await screen.findByTestId('export-status');
    fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(services.exportData.mock.calls.map((c) => c[0])).toEqual(['json', 'csv']));
  });

  it('deletes only after the confirmation and the right PIN', async () => {
    const { services } = fakeServices({ settings: { setupDone: true }, unlocked: true });
    render(<DashboardApp services={services} />);
    expect((await screen.findByTestId('store-events')).getAttribute('data-count')).toBe('12');
    expect(screen.getByTestId('store-events').textContent).toContain('12 notes');
    fireEvent.click(await screen.findByTestId('delete-all'));
    expect(services.deleteAll).not.toHaveBeenCalled();
    type('delete-pin', '1111');
    fireEvent.click(screen.getByTestId('delete-confirm'));
    expect((await screen.findByTestId('delete-status')).textContent).toBe('That PIN is not right.');
    type('delete-pin', '2468');
    fireEvent.click(screen.getByTestId('delete-confirm'));
    expect((await screen.findByTestId('delete-status')).textContent).toBe('All notes were deleted.');
    expect(services.deleteAll.mock.calls.map((c) => c[0])).toEqual(['1111', '2468']);
    await waitFor(() => expect(screen.getByTestId('store-events').getAttribute('data-count')).toBe('0'));
  });
});
