// The application shell: header with navigation, routes, footer.
import { ErrorBoundary, LocationProvider, Route, Router, lazy, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { feedbackRoles } from './feedback';
import { reportingRoles } from './reporting';
import { usePortal } from './onestop';
import { useApi } from './use-load';
import { SessionProvider, documentRoles, holdsRole, isAdministrator, oneStopRoles, useSession } from './session';
import { Home } from './pages/home';
import { NotFound } from './pages/not-found';

const OfficialLogin = lazy(() => import('./pages/login').then((m) => m.OfficialLogin));
const ApplicantLogin = lazy(() => import('./pages/login').then((m) => m.ApplicantLogin));
const Register = lazy(() => import('./pages/register').then((m) => m.Register));
const Account = lazy(() => import('./pages/account').then((m) => m.Account));
const CalendarTool = lazy(() => import('./pages/calendar').then((m) => m.CalendarTool));
const Procedures = lazy(() => import('./pages/portal/procedures').then((m) => m.Procedures));
const ProcedurePage = lazy(() => import('./pages/portal/procedures').then((m) => m.ProcedurePage));
const SubmitOnline = lazy(() => import('./pages/portal/submit').then((m) => m.SubmitOnline));
const Lookup = lazy(() => import('./pages/portal/lookup').then((m) => m.Lookup));
const MyDossiers = lazy(() => import('./pages/portal/my-dossiers').then((m) => m.MyDossiers));
const MyDossier = lazy(() => import('./pages/portal/my-dossiers').then((m) => m.MyDossier));
const DocumentStore = lazy(() => import('./pages/portal/documents').then((m) => m.DocumentStore));
const DemoGateway = lazy(() => import('./pages/portal/payment').then((m) => m.DemoGateway));
const Help = lazy(() => import('./pages/portal/help').then((m) => m.Help));
const PublicStatistics = lazy(() => import('./pages/statistics').then((m) => m.PublicStatistics));
const Dashboard = lazy(() => import('./pages/statistics').then((m) => m.Dashboard));
const WorkQueue = lazy(() => import('./pages/office/queue').then((m) => m.WorkQueue));
const OfficeDossier = lazy(() => import('./pages/office/dossier').then((m) => m.OfficeDossier));
const Reception = lazy(() => import('./pages/office/reception').then((m) => m.Reception));
const AdminHome = lazy(() => import('./pages/admin/home').then((m) => m.AdminHome));
const Units = lazy(() => import('./pages/admin/units').then((m) => m.Units));
const Reorganisations = lazy(() => import('./pages/admin/reorganisations').then((m) => m.Reorganisations));
const Officials = lazy(() => import('./pages/admin/officials').then((m) => m.Officials));
const AdminProcedures = lazy(() => import('./pages/admin/procedures').then((m) => m.AdminProcedures));
const AdminProcedure = lazy(() => import('./pages/admin/procedures').then((m) => m.AdminProcedure));
const AdminCalendar = lazy(() => import('./pages/admin/calendar').then((m) => m.AdminCalendar));
const AdminTokens = lazy(() => import('./pages/admin/tokens').then((m) => m.AdminTokens));
const AdminRegimes = lazy(() => import('./pages/admin/regimes').then((m) => m.AdminRegimes));
const AdminForms = lazy(() => import('./pages/admin/forms').then((m) => m.AdminForms));
const AdminOutbox = lazy(() => import('./pages/admin/outbox').then((m) => m.AdminOutbox));
const DocumentsHome = lazy(() => import('./pages/documents/home').then((m) => m.DocumentsHome));
const IncomingRegister = lazy(() => import('./pages/documents/incoming').then((m) => m.IncomingRegister));
const IncomingDocument = lazy(() => import('./pages/documents/incoming').then((m) => m.IncomingDocument));
const ArrivalView = lazy(() => import('./pages/documents/incoming').then((m) => m.ArrivalView));
const OutgoingList = lazy(() => import('./pages/documents/outgoing').then((m) => m.OutgoingList));
const DraftForm = lazy(() => import('./pages/documents/outgoing').then((m) => m.DraftForm));
const OutgoingDocument = lazy(() => import('./pages/documents/outgoing').then((m) => m.OutgoingDocument));
const TaskBoard = lazy(() => import('./pages/documents/tasks').then((m) => m.TaskBoard));
const TaskView = lazy(() => import('./pages/documents/tasks').then((m) => m.TaskView));
const DocumentSearch = lazy(() => import('./pages/documents/search').then((m) => m.DocumentSearch));
const PublishedFeedback = lazy(() => import('./pages/feedback/public').then((m) => m.PublishedList));
const SendFeedback = lazy(() => import('./pages/feedback/public').then((m) => m.SendFeedback));
const TrackFeedback = lazy(() => import('./pages/feedback/public').then((m) => m.TrackFeedback));
const FeedbackQueue = lazy(() => import('./pages/feedback/office').then((m) => m.FeedbackQueue));
const FeedbackOffice = lazy(() => import('./pages/feedback/office').then((m) => m.FeedbackOffice));
const FeedbackFigures = lazy(() => import('./pages/feedback/manage').then((m) => m.FeedbackFigures));
const FeedbackAppKeys = lazy(() => import('./pages/feedback/manage').then((m) => m.FeedbackAppKeys));
const FeedbackCategories = lazy(() => import('./pages/feedback/categories').then((m) => m.FeedbackCategories));
const ReportingHome = lazy(() => import('./pages/reporting/reports').then((m) => m.ReportingHome));
const IndicatorsPage = lazy(() => import('./pages/reporting/indicators').then((m) => m.IndicatorsPage));
const ReportPage = lazy(() => import('./pages/reporting/reports').then((m) => m.ReportPage));
const RegimePeriodPage = lazy(() => import('./pages/reporting/reports').then((m) => m.RegimePeriodPage));
const TrackingRegister = lazy(() => import('./pages/office/register').then((m) => m.TrackingRegister));

interface Site {
  province: string;
}

function Header({ site }: { site: Site | null }) {
  const { principal, signOut } = useSession();
  const { route, path } = useLocation();
  const [open, setOpen] = useState(false);
  useEffect(() => setOpen(false), [path]);
  const link = (href: string, text: string) => (
    <li>
      <a href={href} aria-current={path === href ? 'page' : undefined}>
        {text}
      </a>
    </li>
  );
  return (
    <header class="site-header">
      <a class="skip-link" href="#main">
        Bỏ qua để đến nội dung chính
      </a>
      <div class="site-header__bar">
        <a class="brand" href="/">
          <img src="/favicon.svg" alt="" width="36" height="36" />
          <span>
            <strong>Cổng dịch vụ công</strong>
            <small>{site?.province ?? ' '}</small>
          </span>
        </a>
        <button
          class="menu-toggle"
          aria-expanded={open ? 'true' : 'false'}
          aria-controls="site-nav"
          onClick={() => setOpen(!open)}
        >
          Danh mục
        </button>
      </div>
      <nav id="site-nav" class={open ? 'site-nav site-nav--open' : 'site-nav'} aria-label="Điều hướng chính">
        <ul>
          {link('/', 'Trang chủ')}
          {link('/thu-tuc', 'Thủ tục hành chính')}
          {link('/tra-cuu', 'Tra cứu hồ sơ')}
          {link('/phan-anh', 'Phản ánh, kiến nghị')}
          {link('/thong-ke', 'Thống kê')}
          {link('/lich', 'Lịch và thời hạn')}
          {principal?.kind === 'applicant' && link('/ho-so-cua-toi', 'Hồ sơ của tôi')}
          {principal?.kind === 'applicant' && link('/kho-giay-to', 'Kho giấy tờ')}
          {principal?.kind === 'official' && (
            <>
              {holdsRole(principal, oneStopRoles) && link('/can-bo/ho-so', 'Hồ sơ công việc')}
              {holdsRole(principal, documentRoles) && link('/van-ban', 'Văn bản')}
              {holdsRole(principal, feedbackRoles) && link('/can-bo/phan-anh', 'Xử lý phản ánh')}
              {holdsRole(principal, reportingRoles) && link('/can-bo/bao-cao', 'Báo cáo')}
              {holdsRole(principal, ['desk_officer']) && link('/can-bo/tiep-nhan', 'Tiếp nhận')}
              {holdsRole(principal, oneStopRoles) && link('/can-bo/thong-ke', 'Điều hành')}
              {isAdministrator(principal) && link('/quan-tri', 'Quản trị')}
            </>
          )}
          {principal ? (
            <>
              {link('/tai-khoan', principal.full_name)}
              <li>
                <button
                  class="link-button"
                  onClick={async () => {
                    await signOut();
                    route('/');
                  }}
                >
                  Đăng xuất
                </button>
              </li>
            </>
          ) : (
            <>
              {link('/cong-dan/dang-nhap', 'Công dân, doanh nghiệp')}
              {link('/dang-nhap', 'Cán bộ đăng nhập')}
            </>
          )}
        </ul>
      </nav>
    </header>
  );
}

const weekdayNames = ['', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy', 'Chủ nhật'];

function workingHoursText(s: { work_days: number[]; work_periods: string[] }): string {
  const hm = (t: string) => t.replace(':', ' giờ ').replace(' giờ 00', ' giờ');
  const periods = s.work_periods.map((p) => {
    const [a, b] = p.split('-');
    return `${hm(a)} – ${hm(b)}`;
  });
  const days = s.work_days.length
    ? `từ ${weekdayNames[s.work_days[0]]} đến ${weekdayNames[s.work_days[s.work_days.length - 1]]}`
    : '';
  return `Thời gian làm việc: ${periods.join(', ')}, ${days}.`;
}

// An account that is not complete yet — a temporary password to change, a new account's
// phone or e-mail to confirm — does that on its account page before anything else (the server
// refuses every other request until then).
function AccountGate() {
  const { principal } = useSession();
  const { path, route } = useLocation();
  useEffect(() => {
    const incomplete = principal?.must_change_password || principal?.contact_pending;
    if (incomplete && path !== '/tai-khoan') route('/tai-khoan', true);
  }, [principal, path]);
  return null;
}

function Shell() {
  // The frame's details (names, contact, working hours): the pages work without them.
  const site = useApi<Site>('/api/v1/site').data;
  const settings = useApi<{ work_days: number[]; work_periods: string[] }>('/api/v1/calendar/settings').data;
  const hours = settings ? workingHoursText(settings) : '';
  const contact = usePortal().data;
  return (
    <>
      <Header site={site} />
      <AccountGate />
      <main id="main">
        <ErrorBoundary>
          <Router>
            <Route path="/" component={Home} />
            <Route path="/dang-nhap" component={OfficialLogin} />
            <Route path="/cong-dan/dang-nhap" component={ApplicantLogin} />
            <Route path="/cong-dan/dang-ky" component={Register} />
            <Route path="/tai-khoan" component={Account} />
            <Route path="/lich" component={CalendarTool} />
            <Route path="/thu-tuc" component={Procedures} />
            <Route path="/thu-tuc/:id" component={ProcedurePage} />
            <Route path="/thu-tuc/:id/nop-truc-tuyen" component={SubmitOnline} />
            <Route path="/tra-cuu" component={Lookup} />
            <Route path="/thong-ke" component={PublicStatistics} />
            <Route path="/phan-anh" component={PublishedFeedback} />
            <Route path="/phan-anh/gui" component={SendFeedback} />
            <Route path="/phan-anh/theo-doi/:code" component={TrackFeedback} />
            <Route path="/can-bo/phan-anh" component={FeedbackQueue} />
            <Route path="/can-bo/phan-anh/thong-ke" component={FeedbackFigures} />
            <Route path="/can-bo/phan-anh/khoa-ung-dung" component={FeedbackAppKeys} />
            <Route path="/can-bo/phan-anh/linh-vuc" component={FeedbackCategories} />
            <Route path="/can-bo/phan-anh/:id" component={FeedbackOffice} />
            <Route path="/can-bo/bao-cao" component={ReportingHome} />
            <Route path="/can-bo/bao-cao/chi-tieu" component={IndicatorsPage} />
            <Route path="/can-bo/bao-cao/:regime/tong-hop/:period" component={RegimePeriodPage} />
            <Route path="/can-bo/bao-cao/:regime/:period/:unit" component={ReportPage} />
            <Route path="/ho-so-cua-toi" component={MyDossiers} />
            <Route path="/ho-so-cua-toi/:id" component={MyDossier} />
            <Route path="/kho-giay-to" component={DocumentStore} />
            <Route path="/thanh-toan-thu-nghiem" component={DemoGateway} />
            <Route path="/hoi-dap" component={Help} />
            <Route path="/can-bo/ho-so" component={WorkQueue} />
            <Route path="/can-bo/ho-so/:id" component={OfficeDossier} />
            <Route path="/can-bo/tiep-nhan" component={Reception} />
            <Route path="/can-bo/so-theo-doi" component={TrackingRegister} />
            <Route path="/can-bo/thong-ke" component={Dashboard} />
            <Route path="/van-ban" component={DocumentsHome} />
            <Route path="/van-ban/den" component={IncomingRegister} />
            <Route path="/van-ban/den/:id" component={IncomingDocument} />
            <Route path="/van-ban/dien-tu/:id" component={ArrivalView} />
            <Route path="/van-ban/di" component={OutgoingList} />
            <Route path="/van-ban/di/moi" component={DraftForm} />
            <Route path="/van-ban/di/:id" component={OutgoingDocument} />
            <Route path="/van-ban/nhiem-vu" component={TaskBoard} />
            <Route path="/van-ban/nhiem-vu/:id" component={TaskView} />
            <Route path="/van-ban/tim-kiem" component={DocumentSearch} />
            <Route path="/quan-tri" component={AdminHome} />
            <Route path="/quan-tri/don-vi" component={Units} />
            <Route path="/quan-tri/sap-xep-don-vi" component={Reorganisations} />
            <Route path="/quan-tri/can-bo" component={Officials} />
            <Route path="/quan-tri/thu-tuc" component={AdminProcedures} />
            <Route path="/quan-tri/thu-tuc/:id" component={AdminProcedure} />
            <Route path="/quan-tri/lich" component={AdminCalendar} />
            <Route path="/quan-tri/token" component={AdminTokens} />
            <Route path="/quan-tri/thong-bao" component={AdminOutbox} />
            <Route path="/quan-tri/che-do-bao-cao" component={AdminRegimes} />
            <Route path="/quan-tri/bieu-mau" component={AdminForms} />
            <Route default component={NotFound} />
          </Router>
        </ErrorBoundary>
      </main>
      <footer class="site-footer">
        <p>{site?.province ?? 'Cổng dịch vụ công'} · Hệ thống thông tin giải quyết thủ tục hành chính</p>
        {contact && (
          <p>
            Đường dây nóng: <a href={`tel:${contact.hotline.replace(/[^\d+]/g, '')}`}>{contact.hotline}</a>
            {contact.email && <> · {contact.email}</>} · <a href="/hoi-dap">Câu hỏi thường gặp</a>
          </p>
        )}
        {contact?.offices.map((o) => (
          <p>
            {o.name}: {o.address}
          </p>
        ))}
        {hours && <p>{hours}</p>}
      </footer>
    </>
  );
}

export function App() {
  return (
    <LocationProvider>
      <SessionProvider>
        <Shell />
      </SessionProvider>
    </LocationProvider>
  );
}
