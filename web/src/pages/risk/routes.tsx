import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const riskPages = {
  overview: () => import('./RiskOverviewPage'),
  register: () => import('./RiskRegisterPage'),
  risk: () => import('./RiskPage'),
  treatments: () => import('./TreatmentsPage'),
  matrices: () => import('./MatricesPage'),
  map: () => import('./RiskMapPage'),
  profile: () => import('./LocationRiskProfilePage'),
  jointList: () => import('./JointAssessmentsPage'),
  joint: () => import('./JointAssessmentPage'),
};
const RiskOverviewPage = lazy(riskPages.overview);
const RiskRegisterPage = lazy(riskPages.register);
const RiskPage = lazy(riskPages.risk);
const TreatmentsPage = lazy(riskPages.treatments);
const MatricesPage = lazy(riskPages.matrices);
const RiskMapPage = lazy(riskPages.map);
const LocationRiskProfilePage = lazy(riskPages.profile);
const JointAssessmentsPage = lazy(riskPages.jointList);
const JointAssessmentPage = lazy(riskPages.joint);

/** The area's routes inside the signed-in shell. */
export const riskRoutes = (
  <>
    <Route path="risk" element={<Guard page="risk"><RiskOverviewPage /></Guard>} />
    <Route path="risk/register" element={<Guard page="risk"><RiskRegisterPage /></Guard>} />
    <Route path="risk/risks/:id" element={<Guard page="risk"><RiskPage /></Guard>} />
    <Route path="risk/treatments" element={<Guard page="risk"><TreatmentsPage /></Guard>} />
    <Route path="risk/matrices" element={<Guard page="risk"><MatricesPage /></Guard>} />
    <Route path="risk/map" element={<Guard page="risk"><RiskMapPage /></Guard>} />
    <Route path="risk/locations/:id" element={<Guard page="risk"><LocationRiskProfilePage /></Guard>} />
    <Route path="risk/joint" element={<Guard page="risk"><JointAssessmentsPage /></Guard>} />
    <Route path="risk/joint/:id" element={<Guard page="risk"><JointAssessmentPage /></Guard>} />
  </>
);
