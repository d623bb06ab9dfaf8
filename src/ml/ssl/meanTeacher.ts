/**
 * Mean Teacher (Tarvainen & Valpola, NeurIPS 2017): the teacher is an exponential moving average
 * of the student's weights (decay α); the consistency loss is the squared distance between the
 * student's and the teacher's softmax on two independent weak views, summed over classes.
 * Every example counts (m_j = 1). The weight ramps up as exp(−5(1 − t/0.3)²) over the first
 * 30% of training, as in the paper, so early noise in the teacher does not dominate.
 */
import * as tf from '@tensorflow/tfjs';
import { tidyKeep, type SslAlgorithm, type SslAlgorithmOptions } from './algorithm';
import { weakAugment } from './augment';

export function createMeanTeacher(
  student: tf.LayersModel,
  makeTeacher: () => tf.LayersModel,
  opts: Pick<SslAlgorithmOptions, 'emaDecay' | 'meanTeacherWeight'>,
): SslAlgorithm & { teacher: tf.LayersModel } {
  const teacher = makeTeacher();
  teacher.setWeights(student.getWeights());
  const alpha = opts.emaDecay;
  return {
    name: 'meanteacher',
    teacher,
    weight: (t) => opts.meanTeacherWeight * (t >= 0.3 ? 1 : Math.exp(-5 * (1 - t / 0.3) ** 2)),
    terms(model, xu, rng) {
      return tidyKeep(() => {
        const view = weakAugment(xu, rng);
        const pt = tf.softmax(teacher.apply(weakAugment(xu, rng), { training: false }) as tf.Tensor2D);
        const mask = tf.ones([xu.shape[0]]) as tf.Tensor1D;
        return {
          studentInput: view,
          mask,
          constants: [pt],
          loss: (z: tf.Tensor2D) => tf.sum(tf.square(tf.sub(tf.softmax(z), pt)), 1) as tf.Tensor1D,
        };
      });
    },
    afterStep(model) {
      const sw = model.weights;
      const tw = teacher.weights;
      tf.tidy(() => {
        tw.forEach((w, i) => w.write(tf.add(tf.mul(w.read(), alpha), tf.mul(sw[i]!.read(), 1 - alpha))));
      });
    },
    dispose() {
      teacher.dispose();
    },
  };
}
