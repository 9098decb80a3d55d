import { lazy } from 'react';
import { Route } from 'react-router';
import { Guard } from '../../components/Guard';

// The area's pages, loaded on first visit (and prefetched when the browser is idle).
export const exercisesPages = {
  programme: () => import('./ExercisesPage'),
  exercise: () => import('./ExercisePage'),
  reviews: () => import('./ReviewsPage'),
  reviewForm: () => import('./ReviewFormPage'),
  review: () => import('./ReviewPage'),
  actions: () => import('./ActionsPage'),
  lessons: () => import('./LessonsPage'),
};
const ExercisesPage = lazy(exercisesPages.programme);
const ExercisePage = lazy(exercisesPages.exercise);
const ReviewsPage = lazy(exercisesPages.reviews);
const ReviewFormPage = lazy(exercisesPages.reviewForm);
const ReviewPage = lazy(exercisesPages.review);
const ActionsPage = lazy(exercisesPages.actions);
const LessonsPage = lazy(exercisesPages.lessons);

/** The area's routes inside the signed-in shell. */
export const exercisesRoutes = (
  <>
    <Route path="exercises" element={<Guard page="exercises"><ExercisesPage /></Guard>} />
    <Route path="exercises/reviews" element={<Guard page="exercises"><ReviewsPage /></Guard>} />
    <Route path="exercises/reviews/new" element={<Guard page="exercises"><ReviewFormPage /></Guard>} />
    <Route path="exercises/reviews/:id" element={<Guard page="exercises"><ReviewPage /></Guard>} />
    <Route path="exercises/actions" element={<Guard page="exercises"><ActionsPage /></Guard>} />
    <Route path="exercises/lessons" element={<Guard page="exercises"><LessonsPage /></Guard>} />
    <Route path="exercises/:id" element={<Guard page="exercises"><ExercisePage /></Guard>} />
  </>
);
